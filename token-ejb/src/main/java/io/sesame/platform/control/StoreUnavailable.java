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

    /** ... and the audit writer's "not committed" (its one connection failed or the commit did not come back in time). */
    private static final Set<String> CONNECTION_FAILURES = Set.of("JDBCConnectionException", "PoolingException", "NotCommitted");

    private StoreUnavailable() {
    }

    /** The innermost cause's message, for a one-line log entry that says what actually failed. */
    public static String rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root != null && root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root == null ? "unknown" : root.getClass().getName() + ": " + root.getMessage();
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
            if (t instanceof jakarta.resource.ResourceException // the pool's: allocation, local transaction on a dead connection
                    || t instanceof javax.transaction.xa.XAException xa && xa.errorCode == javax.transaction.xa.XAException.XAER_RMFAIL
                    || CONNECTION_FAILURES.contains(t.getClass().getSimpleName())) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            // the transaction manager keeps only the message of what failed underneath (seen: SystemException ← XAException
            // "jakarta.resource.spi.LocalTransactionException: An I/O error occurred while sending to the backend.")
            if (message.contains("Unable to acquire JDBC Connection") || message.contains("LocalTransactionException")
                    || message.contains("I/O error occurred while sending to the backend")) {
                return true;
            }
        }
        return false;
    }
}
