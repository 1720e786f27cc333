package io.sesame.audit.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import io.sesame.audit.control.GroupCommit;
import io.sesame.audit.entity.CallEvent;
import io.sesame.platform.boundary.SesameDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Writes call events — the attempt before SES is called, the outcome after — through one {@link GroupCommit} writer:
 * every write is committed before the request goes on (an attempt before SES is called, as before), but concurrent
 * requests share one commit and one transaction, in plain JDBC, instead of two JTA transactions each. Measured in
 * BENCHMARKS.md. Reads (search, sealing, export) stay with JPA.
 */
@ApplicationScoped
public class CallEventWriter {

    private static final Logger LOG = Logger.getLogger(CallEventWriter.class.getName());
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_BATCH = 256;
    /** Events awaiting their outcome, for the outcome's SIEM line; bounded in case an outcome never comes. */
    static final int MAX_IN_FLIGHT = 20_000;

    @Resource(lookup = SesameDataSource.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Instance<MetricRegistry> metrics;

    /** Outcomes the database did not take (it was down): retried until it does, bounded. */
    static final int MAX_UNWRITTEN = 100_000;
    static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    private GroupCommit<Write> commits;
    private JdbcStore store;
    private final Map<Long, CallEvent> inFlight = new ConcurrentHashMap<>();
    private final BlockingDeque<Outcome> unwritten = new LinkedBlockingDeque<>(MAX_UNWRITTEN);
    private Counter outcomesLost;
    private ScheduledExecutorService retries;

    sealed interface Write permits Attempt, Outcome {
    }

    record Attempt(CallEvent event) implements Write {
    }

    record Outcome(long id, CallEvent.Decision decision, String messageId, String error, Integer latencyMs) implements Write {
    }

    @PostConstruct
    void start() {
        store = new JdbcStore(dataSource);
        // threads last: CDI creates the bean again after a failed start, and a half-started one must leave none behind
        commits = new GroupCommit<>(store, MAX_BATCH, threads);
        try {
            if (metrics.isResolvable()) {
                // writes / commits = how many requests shared a commit on average
                metrics.get().gauge("sesame_audit_writes", commits, GroupCommit::writes);
                metrics.get().gauge("sesame_audit_commits", commits, GroupCommit::batches);
                metrics.get().gauge("sesame_audit_outcomes_unwritten", unwritten, BlockingDeque::size);
                outcomesLost = metrics.get().counter("sesame_audit_outcomes_lost");
            }
            retries = Executors.newSingleThreadScheduledExecutor(threads);
            retries.scheduleWithFixedDelay(this::retryUnwritten, RETRY_EVERY.toMillis(), RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            commits.close();
            if (retries != null) {
                retries.shutdownNow();
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
        retryUnwritten();
        if (!unwritten.isEmpty()) {
            LOG.severe(unwritten.size() + " call outcome(s) could not be written before shutdown; their attempts stay PENDING");
        }
        commits.close();
        store.close();
    }

    /** Inserts the attempt and returns its id once committed; throws when it is not (the caller must not send). */
    public long attempt(CallEvent event) {
        commits.write(new Attempt(event), COMMIT_TIMEOUT);
        if (event.getDecision() == CallEvent.Decision.PENDING) {
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                Instant old = Instant.now().minus(Duration.ofMinutes(10));
                inFlight.values().removeIf(e -> e.getOccurredAt().isBefore(old));
            }
            inFlight.put(event.getId(), event);
        }
        return event.getId();
    }

    /** The attempt's event as written, when this instance wrote it and its outcome is not recorded yet. */
    public CallEvent inFlight(long id) {
        return inFlight.remove(id);
    }

    /**
     * Records the outcome of an attempt (from {@link CallEvent#sent} or {@link CallEvent#failed}). Never throws: SES
     * has acted by now, so the caller must get the real answer even when the database is down; the attempt is already
     * durable, and an outcome the database did not take is retried every {@link #RETRY_EVERY} until it does (the
     * update only fills a PENDING row, so writing it twice is harmless).
     */
    public void outcome(CallEvent event) {
        Outcome outcome = new Outcome(event.getId(), event.getDecision(), event.getSesMessageId(), event.getSesError(),
                event.getLatencyMs());
        try {
            commits.write(outcome, COMMIT_TIMEOUT);
        } catch (GroupCommit.NotCommitted e) {
            keepForRetry(outcome, e);
        }
    }

    private void keepForRetry(Outcome outcome, RuntimeException cause) {
        if (unwritten.offerLast(outcome)) {
            LOG.log(Level.WARNING, "outcome of call event " + outcome.id() + " not written yet (" + cause.getMessage()
                    + "); retrying every " + RETRY_EVERY.toSeconds() + " s");
        } else {
            countLost();
            LOG.log(Level.SEVERE, "outcome of call event " + outcome.id() + " (" + outcome.decision() + ") dropped: "
                    + MAX_UNWRITTEN + " outcomes already wait for the database; the attempt stays PENDING", cause);
        }
    }

    private void countLost() {
        if (outcomesLost != null) {
            outcomesLost.inc();
        }
    }

    /** Writes the outcomes the database did not take, oldest first, until one fails again. */
    void retryUnwritten() {
        Outcome next;
        while ((next = unwritten.pollFirst()) != null) {
            try {
                commits.write(next, COMMIT_TIMEOUT);
            } catch (RuntimeException e) {
                if (!unwritten.offerFirst(next)) {
                    countLost();
                }
                return;
            }
        }
    }

    /** Outcomes waiting for the database to come back. */
    public int unwrittenOutcomes() {
        return unwritten.size();
    }


    /** The JDBC side: one connection, held while it works; statements prepared once per connection. */
    static final class JdbcStore implements GroupCommit.Store<Write> {

        private static final String INSERT = "insert into call_event (occurred_at, request_id, application_id, key_id, jti, "
                + "action, decision, reason_codes, reason_detail, from_address, recipient_count, recipient_domains, "
                + "recipients, template, configuration_set, transport, ses_message_id, ses_error, client_ip, user_agent, "
                + "latency_ms, sealed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)";
        private static final String UPDATE = "update call_event set decision = ?, ses_message_id = ?, ses_error = ?, "
                + "latency_ms = ? where id = ? and decision = 'PENDING' and sealed = false";

        private final DataSource dataSource;
        private Connection connection;
        private PreparedStatement insert;
        private PreparedStatement update;

        JdbcStore(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public void commit(List<Write> batch) throws SQLException {
            try {
                open();
                List<Outcome> outcomes = new java.util.ArrayList<>();
                for (Write write : batch) {
                    if (write instanceof Attempt attempt) {
                        insert(attempt.event());
                    } else if (write instanceof Outcome outcome) {
                        bindOutcome(outcome);
                        update.addBatch();
                        outcomes.add(outcome);
                    }
                }
                if (!outcomes.isEmpty()) {
                    int[] updated = update.executeBatch();
                    for (int i = 0; i < updated.length && i < outcomes.size(); i++) {
                        if (updated[i] == 0) {
                            // written already (a retry), or sealed as abandoned while the database was away: a sealed row
                            // is never changed (the chain would break), so the late outcome is only logged
                            LOG.warning("outcome " + outcomes.get(i).decision() + " of call event " + outcomes.get(i).id()
                                    + " not recorded: the event is no longer pending or is sealed already");
                        }
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "call events not written (" + batch.size() + "); the requests are refused", e);
                try {
                    if (connection != null) {
                        connection.rollback();
                    }
                } catch (SQLException ignored) {
                    // the connection is replaced below
                }
                close();
                throw e;
            }
        }

        /** SQLState class 22 (data exception) or 23 (integrity constraint): a row's fault, not the database's. */
        @Override
        public boolean mayBeOneWritesFault(Exception failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                    return true;
                }
            }
            return false;
        }

        private void open() throws SQLException {
            if (connection == null) {
                connection = dataSource.getConnection();
                connection.setAutoCommit(false);
                insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS);
                update = connection.prepareStatement(UPDATE);
            }
        }

        private void insert(CallEvent e) throws SQLException {
            int i = 1;
            insert.setObject(i++, OffsetDateTime.ofInstant(e.getOccurredAt(), ZoneOffset.UTC));
            insert.setString(i++, e.getRequestId());
            insert.setString(i++, e.getApplicationId());
            insert.setString(i++, e.getKeyId());
            insert.setString(i++, e.getJti());
            insert.setString(i++, e.getAction());
            insert.setString(i++, e.getDecision().name());
            insert.setString(i++, e.getReasonCodes());
            insert.setString(i++, e.getReasonDetail());
            insert.setString(i++, e.getFromAddress());
            setInteger(insert, i++, e.getRecipientCount());
            insert.setString(i++, e.getRecipientDomains());
            insert.setString(i++, e.getRecipients());
            insert.setString(i++, e.getTemplate());
            insert.setString(i++, e.getConfigurationSet());
            insert.setString(i++, e.getTransport());
            insert.setString(i++, e.getSesMessageId());
            insert.setString(i++, e.getSesError());
            insert.setString(i++, e.getClientIp());
            insert.setString(i++, e.getUserAgent());
            setInteger(insert, i, e.getLatencyMs());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for a call event");
                }
                e.recordedAs(keys.getLong("id"));
            }
        }

        private void bindOutcome(Outcome o) throws SQLException {
            update.setString(1, o.decision().name());
            update.setString(2, o.messageId());
            update.setString(3, o.error());
            setInteger(update, 4, o.latencyMs());
            update.setLong(5, o.id());
        }

        private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.INTEGER);
            } else {
                statement.setInt(index, value);
            }
        }

        void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the audit writer's connection", e);
            } finally {
                connection = null;
                insert = null;
                update = null;
            }
        }
    }
}
