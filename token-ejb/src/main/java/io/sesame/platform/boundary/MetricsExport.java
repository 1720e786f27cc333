package io.sesame.platform.boundary;

import io.sesame.platform.control.PrometheusText;
import io.sesame.platform.control.PrometheusText.Sample;
import io.sesame.platform.control.PrometheusText.Type;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
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

/**
 * The JVM's base figures and the MicroProfile application registry as Prometheus text, for {@code GET /api/v1/ops/metrics}:
 * Sesame serves its metrics behind its own operator check because Payara's {@code /metrics} cannot be limited to a
 * network (the runtimes Sesame prepares close it). Names follow Payara's exporter: counters {@code _total}, times in
 * seconds and sizes in bytes with their unit in the name ({@link PrometheusText#baseUnit}), timers as {@code _seconds}
 * summaries, labels plus {@code mp_scope}.
 */
@ApplicationScoped
public class MetricsExport {

    @Inject
    Instance<MetricRegistry> application;

    public String prometheus() {
        List<Sample> samples = new ArrayList<>(jvm());
        add(samples, application, MetricRegistry.APPLICATION_SCOPE);
        return PrometheusText.render(samples);
    }

    /**
     * The JVM's own figures under MicroProfile's base names ({@code mp_scope="base"}), read from the platform MXBeans:
     * an application cannot reach the server's base registry in Payara 6 (its CDI producers hand out an empty
     * per-application one — seen), and these are the ones operators chart. Payara's vendor metrics are not carried.
     */
    static List<Sample> jvm() {
        List<Sample> out = new ArrayList<>();
        Map<String, String> base = Map.of("mp_scope", MetricRegistry.BASE_SCOPE);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(out, "memory_usedHeap_bytes", base, heap.getUsed());
        gauge(out, "memory_committedHeap_bytes", base, heap.getCommitted());
        gauge(out, "memory_maxHeap_bytes", base, heap.getMax());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        gauge(out, "thread_count", base, threads.getThreadCount());
        gauge(out, "thread_daemon_count", base, threads.getDaemonThreadCount());
        gauge(out, "thread_max_count", base, threads.getPeakThreadCount());
        gauge(out, "classloader_loadedClasses_count", base, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        gauge(out, "jvm_uptime_seconds", base, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        gauge(out, "cpu_availableProcessors", base, os.getAvailableProcessors());
        gauge(out, "cpu_systemLoadAverage", base, os.getSystemLoadAverage());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            gauge(out, "cpu_processCpuLoad", base, sun.getProcessCpuLoad());
            gauge(out, "cpu_processCpuTime_seconds", base, sun.getProcessCpuTime() / 1e9);
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            Map<String, String> labels = Map.of("mp_scope", MetricRegistry.BASE_SCOPE, "name", gc.getName());
            out.add(new Sample("gc_total", Type.COUNTER, "gc_total", labels, Math.max(0, gc.getCollectionCount())));
            out.add(new Sample("gc_time_seconds_total", Type.COUNTER, "gc_time_seconds_total", labels, Math.max(0, gc.getCollectionTime()) / 1000.0));
        }
        return out;
    }

    private static void gauge(List<Sample> out, String name, Map<String, String> labels, double value) {
        out.add(new Sample(name, Type.GAUGE, name, labels, value));
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
