package io.sesame.platform.control;

/** The databases Sesame's migrations are written and tested for. */
public enum DatabaseKind {
    H2, POSTGRESQL, UNSUPPORTED;

    public static DatabaseKind of(String jdbcUrl) {
        if (jdbcUrl == null) {
            return UNSUPPORTED;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        return UNSUPPORTED;
    }

    /** A JDBC URL fit for a log line: query parameters (which may carry a password) are cut off. */
    public static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(not set)";
        }
        int cut = jdbcUrl.length();
        for (char c : new char[] {'?', ';'}) {
            int at = jdbcUrl.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut < jdbcUrl.length() ? jdbcUrl.substring(0, cut) + "…" : jdbcUrl;
    }
}
