package io.sesame.report.control;

import java.time.Instant;
import java.util.List;

/**
 * A compliance report for a period: keys and their policies, key age against the lifetime policy, expiries,
 * review campaigns and decisions, revocations, denials and alerts. Plain data, rendered as CSV or PDF.
 */
public record ComplianceData(Instant from, Instant to, Instant generatedAt, String generatedBy, int maxLifetimeDays,
                             List<KeyLine> keys, List<Expiry> expiries, List<ReviewLine> reviews, List<Revocation> revocations,
                             List<DenialLine> denials, List<AlertLine> alerts) {

    public record KeyLine(String keyId, String name, String application, String owner, String status, Instant createdAt,
                          Instant expiresAt, long ageDays, String permissions, String scope, Instant lastUsedAt) {

        /** A key past 80 % of the maximum lifetime is due for rotation. */
        public boolean rotationDue(int maxLifetimeDays) {
            return ageDays * 100 >= maxLifetimeDays * 80L;
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
