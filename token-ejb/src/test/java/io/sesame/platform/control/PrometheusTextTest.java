package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.platform.control.PrometheusText.Sample;
import io.sesame.platform.control.PrometheusText.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void families_are_typed_once_sorted_and_labels_escaped() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("mp_scope", "application");
        labels.put("action", "ses:SendEmail \"quoted\"\nnext\\");
        String text = PrometheusText.render(List.of(
                new Sample("sesame_sends_total", Type.COUNTER, "sesame_sends_total", Map.of("mp_scope", "application"), 42),
                new Sample("sesame_calls_total", Type.COUNTER, "sesame_calls_total", labels, 3),
                new Sample("sesame_calls_total", Type.COUNTER, "sesame_calls_total", Map.of("action", "b"), 1),
                new Sample("memory.usedHeap_bytes", Type.GAUGE, "memory.usedHeap_bytes", Map.of(), 1.5e8)));
        assertThat(text).isEqualTo("""
                # TYPE memory_usedHeap_bytes gauge
                memory_usedHeap_bytes 150000000
                # TYPE sesame_calls_total counter
                sesame_calls_total{action="ses:SendEmail \\"quoted\\"\\nnext\\\\",mp_scope="application"} 3
                sesame_calls_total{action="b"} 1
                # TYPE sesame_sends_total counter
                sesame_sends_total{mp_scope="application"} 42
                """);
    }

    @Test
    void names_and_numbers_are_legal() {
        assertThat(PrometheusText.legalName("9lives.per-key")).isEqualTo("_lives_per_key");
        assertThat(PrometheusText.legalLabel("a:b")).isEqualTo("a_b");
        assertThat(PrometheusText.number(0.25)).isEqualTo("0.25");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(7)).isEqualTo("7");
    }

    @Test
    void a_summary_keeps_its_series_under_one_type_line() {
        String text = PrometheusText.render(List.of(
                new Sample("sesame_ses_latency_seconds", Type.SUMMARY, "sesame_ses_latency_seconds_count", Map.of(), 2),
                new Sample("sesame_ses_latency_seconds", Type.SUMMARY, "sesame_ses_latency_seconds_sum", Map.of(), 0.004),
                new Sample("sesame_ses_latency_seconds", Type.SUMMARY, "sesame_ses_latency_seconds", Map.of("quantile", "0.5"), 0.002)));
        assertThat(text.lines().filter(l -> l.startsWith("# TYPE"))).containsExactly("# TYPE sesame_ses_latency_seconds summary");
        assertThat(text).contains("sesame_ses_latency_seconds_count 2\n").contains("sesame_ses_latency_seconds{quantile=\"0.5\"} 0.002\n");
    }

    @Test
    void times_become_seconds_and_sizes_bytes_as_prometheus_names_them() {
        assertThat(PrometheusText.baseUnit("milliseconds")).isEqualTo(new PrometheusText.BaseUnit("_seconds", 1e-3));
        assertThat(PrometheusText.baseUnit("nanoseconds").factor()).isEqualTo(1e-9);
        assertThat(PrometheusText.baseUnit("bytes")).isEqualTo(new PrometheusText.BaseUnit("_bytes", 1));
        assertThat(PrometheusText.baseUnit("kibibytes").factor()).isEqualTo(1024);
        assertThat(PrometheusText.baseUnit("none").suffix()).isEmpty();
        assertThat(PrometheusText.baseUnit(null).suffix()).isEmpty();
        assertThat(PrometheusText.baseUnit("percent")).isEqualTo(new PrometheusText.BaseUnit("_percent", 1));
    }
}
