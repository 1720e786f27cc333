package io.sesame.platform.boundary;

import io.sesame.platform.control.PrometheusText;
import io.sesame.platform.control.PrometheusText.Sample;
import io.sesame.platform.control.PrometheusText.Type;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Metric;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/**
 * The MicroProfile registries (base, vendor, application) as Prometheus text, for {@code GET /api/v1/ops/metrics}:
 * Sesame serves its metrics behind its own operator check because Payara's {@code /metrics} cannot be limited to a
 * network (the runtimes Sesame prepares close it). Names follow Payara's exporter: counters {@code _total}, times in
 * seconds and sizes in bytes with their unit in the name ({@link PrometheusText#baseUnit}), timers as {@code _seconds}
 * summaries, labels plus {@code mp_scope}.
 */
@ApplicationScoped
public class MetricsExport {

    // @RegistryType, not 5.0's @RegistryScope: Payara 6 answers @RegistryScope("base") with an empty registry of the
    // application's own (seen: no base metric at all); its @RegistryType producers give the server's registries.
    @Inject
    @SuppressWarnings("deprecation")
    @RegistryType(type = MetricRegistry.Type.BASE)
    Instance<MetricRegistry> base;

    @Inject
    @SuppressWarnings("deprecation")
    @RegistryType(type = MetricRegistry.Type.VENDOR)
    Instance<MetricRegistry> vendor;

    @Inject
    Instance<MetricRegistry> application;

    public String prometheus() {
        List<Sample> samples = new ArrayList<>();
        add(samples, base, MetricRegistry.BASE_SCOPE);
        add(samples, vendor, MetricRegistry.VENDOR_SCOPE);
        add(samples, application, MetricRegistry.APPLICATION_SCOPE);
        return PrometheusText.render(samples);
    }

    private static void add(List<Sample> samples, Instance<MetricRegistry> registry, String scope) {
        if (!registry.isResolvable()) {
            return;
        }
        MetricRegistry r = registry.get();
        for (Map.Entry<MetricID, Metric> entry : r.getMetrics().entrySet()) {
            MetricID id = entry.getKey();
            Metadata metadata = r.getMetadata(id.getName());
            Map<String, String> labels = new LinkedHashMap<>(id.getTags());
            labels.put("mp_scope", scope);
            String name = id.getName().replace('.', '_');
            Metric metric = entry.getValue();
            PrometheusText.BaseUnit unit = PrometheusText.baseUnit(metadata == null ? null : metadata.getUnit());
            try {
                if (metric instanceof Counter counter) {
                    String base = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
                    String series = base + unit.suffix() + "_total";
                    samples.add(new Sample(series, Type.COUNTER, series, labels, counter.getCount() * unit.factor()));
                } else if (metric instanceof Gauge<?> gauge) {
                    Number value = gauge.getValue();
                    String series = name + unit.suffix();
                    samples.add(new Sample(series, Type.GAUGE, series, labels, value == null ? Double.NaN : value.doubleValue() * unit.factor()));
                } else if (metric instanceof Timer timer) {
                    String family = name + "_seconds";
                    samples.add(new Sample(family, Type.SUMMARY, family + "_count", labels, timer.getCount()));
                    samples.add(new Sample(family, Type.SUMMARY, family + "_sum", labels, timer.getElapsedTime().toNanos() / 1e9));
                    quantiles(samples, family, labels, timer.getSnapshot(), 1e-9);
                    samples.add(new Sample(family + "_max", Type.GAUGE, family + "_max", labels, timer.getSnapshot().getMax() / 1e9));
                } else if (metric instanceof Histogram histogram) {
                    String family = name + unit.suffix();
                    samples.add(new Sample(family, Type.SUMMARY, family + "_count", labels, histogram.getCount()));
                    samples.add(new Sample(family, Type.SUMMARY, family + "_sum", labels, histogram.getSum() * unit.factor()));
                    quantiles(samples, family, labels, histogram.getSnapshot(), unit.factor());
                }
            } catch (RuntimeException unreadable) {
                // a gauge whose source is gone (an undeployed module) must not fail the whole page
            }
        }
    }

    private static void quantiles(List<Sample> samples, String family, Map<String, String> labels, Snapshot snapshot, double scale) {
        for (Snapshot.PercentileValue p : snapshot.percentileValues()) {
            Map<String, String> withQuantile = new LinkedHashMap<>(labels);
            withQuantile.put("quantile", Double.toString(p.getPercentile()));
            samples.add(new Sample(family, Type.SUMMARY, family, withQuantile, p.getValue() * scale));
        }
    }

}
