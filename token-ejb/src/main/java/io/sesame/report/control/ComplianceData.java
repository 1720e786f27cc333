package io.sesame.report.control;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A compliance report for a period: keys and their policies, key age against the lifetime policy, expiries,
 * review campaigns and decisions, revocations, denials and alerts. Rendered as CSV or PDF.
 * <p>
 * Each section is a {@link Section}: its row count, known up front (the PDF prints the counts before the rows), and
 * its rows, handed out one at a time while they are read from the database — so a report of any period is written
 * in bounded memory. A section's rows can be read once, in order, while the report is being written (the boundary
 * reads them in its transaction); {@link Section#of} makes a section of rows in memory (small sections, tests).
 *
 * @param rotationDue keys past 80 % of the maximum lifetime ({@link KeyLine#rotationDue}), counted up front
 * @param deniedCalls the denied calls counted in {@link #denials}
 */
public record ComplianceData(Instant from, Instant to, Instant generatedAt, String generatedBy, int maxLifetimeDays,
                             long rotationDue, long deniedCalls,
                             Section<KeyLine> keys, Section<Expiry> expiries, Section<ReviewLine> reviews,
                             Section<Revocation> revocations, Section<DenialLine> denials, Section<AlertLine> alerts) {

    /** The rows of a section: each one given to {@code sink} in order, none kept. */
    @FunctionalInterface
    public interface Rows<T> {
        void forEach(Consumer<? super T> sink);
    }

    /** A section's row count and its rows (read once; the count is what the rows were counted as up front). */
    public record Section<T>(long size, Rows<T> rows) {

        public static <T> Section<T> of(List<T> rows) {
            List<T> copy = List.copyOf(rows);
            Rows<T> each = sink -> copy.forEach(sink::accept);
            return new Section<>(copy.size(), each);
        }

        public boolean isEmpty() {
            return size == 0;
        }

        public void forEach(Consumer<? super T> sink) {
            rows.forEach(sink);
        }
    }

    public record KeyLine(String keyId, String name, String application, String owner, String status, Instant createdAt,
                          Instant expiresAt, long ageDays, String permissions, String scope, Instant lastUsedAt, String trust) {

        /** An API key's line: no trust conditions. */
        public KeyLine(String keyId, String name, String application, String owner, String status, Instant createdAt,
                       Instant expiresAt, long ageDays, String permissions, String scope, Instant lastUsedAt) {
            this(keyId, name, application, owner, status, createdAt, expiresAt, ageDays, permissions, scope, lastUsedAt, "");
        }

        /** A key past 80 % of the maximum lifetime is due for rotation; a trust policy has no secret to rotate. */
        public boolean rotationDue(int maxLifetimeDays) {
            return trust.isEmpty() && ageDays * 100 >= maxLifetimeDays * 80L;
        }

        /** The least age in days at which a key is due ({@link #rotationDue}): what the report counts in SQL. */
        public static long rotationDueAgeDays(int maxLifetimeDays) {
            return Math.max(0, (maxLifetimeDays * 80L + 99) / 100);
        }
    }

    public record Expiry(String keyId, String application, Instant expiresAt, String status) {
    }

    public record ReviewLine(long campaignId, String campaign, Instant dueAt, String campaignStatus, String keyId,
                             String decision, String decidedBy, Instant decidedAt, String comment, String unused) {
    }

    public record Revocation(Instant at, String keyId, String actor, String detail) {
    }

    public record DenialLine(String keyId, String reason, long count) {
    }

    public record AlertLine(long id, String rule, String keyId, String status, Instant firstSeen, int occurrences, String summary) {
    }
}
