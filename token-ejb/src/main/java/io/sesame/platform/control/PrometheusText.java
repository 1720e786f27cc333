package io.sesame.platform.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus text exposition format (version 0.0.4) of a set of samples: names and label names made legal, label
 * values escaped, one {@code # TYPE} line per family, families in name order. The boundary turns the MicroProfile
 * registries into {@link Sample}s; the format lives here, where it is tested without a server.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** counter, gauge or summary — what the {@code # TYPE} line says. */
    public enum Type { COUNTER, GAUGE, SUMMARY }

    /** One line: {@code family} is the metric family (TYPE line), {@code name} the series name (family plus a suffix). */
    public record Sample(String family, Type type, String name, Map<String, String> labels, double value) {
    }

    /** A unit as Prometheus wants it: the base unit's name suffix and the factor to it (ms → s: 0.001). */
    public record BaseUnit(String suffix, double factor) {
    }

    private static final Map<String, BaseUnit> UNITS = Map.ofEntries(
            Map.entry("nanoseconds", new BaseUnit("_seconds", 1e-9)), Map.entry("microseconds", new BaseUnit("_seconds", 1e-6)),
            Map.entry("milliseconds", new BaseUnit("_seconds", 1e-3)), Map.entry("seconds", new BaseUnit("_seconds", 1)),
            Map.entry("minutes", new BaseUnit("_seconds", 60)), Map.entry("hours", new BaseUnit("_seconds", 3600)),
            Map.entry("days", new BaseUnit("_seconds", 86400)),
            Map.entry("bits", new BaseUnit("_bytes", 0.125)), Map.entry("kilobits", new BaseUnit("_bytes", 125)),
            Map.entry("megabits", new BaseUnit("_bytes", 125_000)), Map.entry("gigabits", new BaseUnit("_bytes", 125_000_000)),
            Map.entry("bytes", new BaseUnit("_bytes", 1)), Map.entry("kilobytes", new BaseUnit("_bytes", 1e3)),
            Map.entry("megabytes", new BaseUnit("_bytes", 1e6)), Map.entry("gigabytes", new BaseUnit("_bytes", 1e9)),
            Map.entry("kibibytes", new BaseUnit("_bytes", 1024)), Map.entry("mebibytes", new BaseUnit("_bytes", 1024 * 1024)),
            Map.entry("gibibytes", new BaseUnit("_bytes", 1024.0 * 1024 * 1024)));

    private PrometheusText() {
    }

    /**
     * Times in seconds and sizes in bytes, as Prometheus (and Payara's own exporter) name and scale them; any other unit
     * is appended as it is, none for {@code none}.
     */
    public static BaseUnit baseUnit(String unit) {
        if (unit == null || unit.isBlank() || "none".equals(unit)) {
            return new BaseUnit("", 1);
        }
        BaseUnit known = UNITS.get(unit.toLowerCase(Locale.ROOT));
        return known != null ? known : new BaseUnit("_" + unit, 1);
    }

    public static String render(List<Sample> samples) {
        Map<String, List<Sample>> families = new TreeMap<>();
        Map<String, Type> types = new LinkedHashMap<>();
        for (Sample s : samples) {
            String family = legalName(s.family());
            families.computeIfAbsent(family, k -> new ArrayList<>()).add(s);
            types.putIfAbsent(family, s.type());
        }
        StringBuilder out = new StringBuilder();
        families.forEach((family, series) -> {
            out.append("# TYPE ").append(family).append(' ').append(types.get(family).name().toLowerCase(Locale.ROOT)).append('\n');
            for (Sample s : series) {
                out.append(legalName(s.name()));
                if (!s.labels().isEmpty()) {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> label : new TreeMap<>(s.labels()).entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        out.append(legalLabel(label.getKey())).append("=\"").append(escape(label.getValue())).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(number(s.value())).append('\n');
            }
        });
        return out.toString();
    }

    /** [a-zA-Z_:][a-zA-Z0-9_:]*, everything else an underscore. */
    static String legalName(String name) {
        StringBuilder legal = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || i > 0 && c >= '0' && c <= '9';
            legal.append(ok ? c : '_');
        }
        return legal.isEmpty() ? "_" : legal.toString();
    }

    /** Label names: as metric names, without colons. */
    static String legalLabel(String name) {
        return legalName(name).replace(':', '_');
    }

    static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
