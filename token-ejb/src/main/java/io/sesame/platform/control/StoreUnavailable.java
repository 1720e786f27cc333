package io.sesame.platform.control;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells "the database cannot be reached" from every other failure, wherever it surfaces (JPA, JDBC, the connection
 * pool): such a request is answered 503 with Retry-After — Sesame fails closed and says so — instead of a 500 that looks
 * like a bug. Names are matched for the pool's and Hibernate's own types, so this needs neither on its class path.
 */
public final class StoreUnavailable {

    private static final Set<String> CONNECTION_FAILURES = Set.of("JDBCConnectionException", "PoolingException",
            "ResourceAllocationException", "ResourceException");

    private StoreUnavailable() {
    }

    public static boolean is(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P") || sql.getSQLState().startsWith("53"))) {
                return true; // connection exception; PostgreSQL shutting down; out of connections
            }
            if (CONNECTION_FAILURES.contains(t.getClass().getSimpleName())
                    || String.valueOf(t.getMessage()).contains("Unable to acquire JDBC Connection")) {
                return true;
            }
        }
        return false;
    }
}
