package io.sesame.mail.boundary;

import jakarta.transaction.Transactional;
import jakarta.enterprise.context.ApplicationScoped;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.control.CallContext;
import io.sesame.cluster.boundary.ClusterGrid;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Decision;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyEngine;
import io.sesame.policy.control.Reason;
import io.sesame.policy.control.ReasonCode;
import io.sesame.policy.control.ResourceScope;
import io.sesame.quota.boundary.DailyQuota;
import io.sesame.ses.boundary.SesGateway;
import io.sesame.ses.control.BulkEmail;
import io.sesame.ses.control.OutgoingEmail;
import io.sesame.ses.control.SesFailure;
import io.sesame.ses.control.SesTransport;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.control.KeyState;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sending through a scoped token: idempotency, the policy (permission, From, recipients, template,
 * configuration set, IP), rate and daily quota, then the transport. The attempt is audited before SES is
 * called and the outcome after; no transaction spans the call to SES.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SendService {

    private static final Logger LOG = Logger.getLogger(SendService.class.getName());

    @Inject
    KeyDirectory directory;

    @Inject
    CallAudit audit;

    @EJB
    DailyQuota quota;

    /** Per-key rate limits: this instance's, or the cluster's in cluster mode. */
    @Inject
    ClusterGrid cluster;

    @EJB
    IdempotencyStore idempotency;

    @Inject
    SesGateway gateway;

    Clock clock = Clock.systemUTC();

    /** The outcome of a send. */
    public sealed interface Outcome permits Sent, Denied, Failed, Replayed, IdempotencyRefused {
    }

    public record Sent(String messageId, long auditId, String body) implements Outcome {
    }

    /** @param retryAfterSeconds for rate and quota denials, else 0 */
    public record Denied(Decision decision, long auditId, long retryAfterSeconds) implements Outcome {
    }

    public record Failed(SesFailure failure, long auditId) implements Outcome {
    }

    public record Replayed(int status, String body) implements Outcome {
    }

    /** The Idempotency-Key was used with another body ({@code REJECTED}) or its first request is still running ({@code CONFLICT}). */
    public record IdempotencyRefused(ErrorKind kind, String code, String message) implements Outcome {
    }

    /** What an earlier request with the same Idempotency-Key decides for this one; null when it may proceed. */
    private Outcome priorOutcome(CallContext caller, String idempotencyKey, String requestHash) {
        if (idempotencyKey == null) {
            return null;
        }
        IdempotencyStore.Prior prior = idempotency.lookup(caller.keyId(), idempotencyKey, requestHash);
        if (prior instanceof IdempotencyStore.Replay replay) {
            return new Replayed(replay.status(), replay.body());
        }
        if (prior instanceof IdempotencyStore.Mismatch) {
            return new IdempotencyRefused(ErrorKind.REJECTED, "idempotency_key_reused", "Idempotency-Key '" + idempotencyKey
                    + "' was used with a different request body in the last 24 hours");
        }
        if (prior instanceof IdempotencyStore.InProgress) {
            return inProgress(idempotencyKey);
        }
        return null;
    }

    private static IdempotencyRefused inProgress(String idempotencyKey) {
        return new IdempotencyRefused(ErrorKind.CONFLICT, "idempotency_in_progress", "a request with Idempotency-Key '" + idempotencyKey + "' is in progress");
    }

    /**
     * The longest a send may take to reach the SES call. A client that waited longer (a stalled database) has given up,
     * and an AWS SDK on the SES-compatible endpoint resends the request by itself after 30 s: going on would send twice.
     */
    static final long SEND_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(15);

    public Outcome send(CallContext caller, OutgoingEmail email, String idempotencyKey, String requestHash) {
        long entered = System.nanoTime();
        KeyState key = requireKey(caller);
        Outcome prior = priorOutcome(caller, idempotencyKey, requestHash);
        if (prior != null) {
            return prior;
        }
        ResourceScope scope = key.policy().scope();
        Decision decision = PolicyEngine.evaluate(Permission.SEND_EMAIL, caller.granted(), scope, email.facts(),
                caller.clientIp(), false);
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Usage usage = new Usage(1, email.recipients().size());
        Admission admission = admit(caller, scope, decision, usage, day);
        decision = admission.decision();
        long retryAfter = admission.retryAfterSeconds();
        boolean quotaCounted = admission.quotaCounted();
        long auditId;
        try {
            auditId = audit.begin(caller, Permission.SEND_EMAIL.action(), email.facts(), decision, gateway.transportName());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Audit unavailable; refusing to send (request " + caller.requestId() + ")", e);
            if (quotaCounted) {
                quota.release(caller.keyId(), day, usage.messages(), usage.recipients());
            }
            throw SesameException.unavailable("the audit trail cannot be written, so nothing is sent; try again later");
        }
        if (!decision.allowed()) {
            return new Denied(decision, auditId, retryAfter);
        }
        boolean claimed = claimForSend(caller, idempotencyKey, requestHash, entered, List.of(auditId),
                quotaCounted ? () -> quota.release(caller.keyId(), day, usage.messages(), usage.recipients()) : null);
        if (!claimed) {
            if (quotaCounted) {
                quota.release(caller.keyId(), day, usage.messages(), usage.recipients());
            }
            audit.failed(auditId, "idempotency key claimed by a concurrent request", 0);
            return inProgress(idempotencyKey);
        }
        OutgoingEmail effective = email.withConfigurationSet(decision.configurationSet());
        long started = System.nanoTime();
        try {
            String messageId = gateway.send(effective, caller.keyId());
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            audit.sent(auditId, messageId, latency);
            String body = Json.createObjectBuilder().add("messageId", messageId).add("auditId", String.valueOf(auditId))
                    .build().toString();
            if (idempotencyKey != null) {
                afterSes(caller, "completing the idempotency record", () -> idempotency.complete(caller.keyId(), idempotencyKey, 200, body));
            }
            return new Sent(messageId, auditId, body);
        } catch (SesFailure failure) {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            audit.failed(auditId, failure.sesErrorCode() + ": " + failure.getMessage(), latency);
            if (failure.reason() == SesFailure.Reason.OUTCOME_UNKNOWN) {
                // SES may have sent it: it stays counted, and a retry with the same key gets this answer, not a second copy
                if (idempotencyKey != null) {
                    afterSes(caller, "completing the idempotency record", () -> idempotency.complete(caller.keyId(), idempotencyKey, 504,
                            outcomeUnknown(failure, auditId, caller.requestId())));
                }
                return new Failed(failure, auditId);
            }
            if (quotaCounted) {
                afterSes(caller, "giving back the quota", () -> quota.release(caller.keyId(), day, usage.messages(), usage.recipients()));
            }
            if (idempotencyKey != null) {
                afterSes(caller, "releasing the idempotency key", () -> idempotency.release(caller.keyId(), idempotencyKey));
            }
            return new Failed(failure, auditId);
        }
    }

    /**
     * A request that failed after its attempt was recorded and before SES was called: its rows say "not sent" (never left
     * pending, which would read as "maybe sent"), its quota and idempotency key are given back — best effort, the
     * database may be the reason it failed.
     */
    private void notSent(CallContext caller, List<Long> auditIds, RuntimeException why, Runnable releaseQuota, Runnable releaseKey) {
        auditIds.forEach(id -> audit.failed(id, "not sent: " + why.getMessage(), 0));
        if (releaseQuota != null) {
            afterSes(caller, "giving back the quota", releaseQuota);
        }
        if (releaseKey != null) {
            afterSes(caller, "releasing the idempotency key", releaseKey);
        }
    }

    /**
     * The last step before SES: claims the Idempotency-Key (true without one; false when another request holds it) and
     * checks the send deadline. If either fails, the attempt is recorded "not sent" and what it took is given back —
     * the key only when this request claimed it (a claim that failed may be another request's) — and the failure goes on.
     */
    private boolean claimForSend(CallContext caller, String idempotencyKey, String requestHash, long entered, List<Long> auditIds,
                                 Runnable releaseQuota) {
        boolean claimed = false;
        try {
            claimed = idempotencyKey == null || idempotency.claim(caller.keyId(), idempotencyKey, requestHash);
            if (claimed) {
                checkDeadline(entered);
            }
            return claimed;
        } catch (RuntimeException e) {
            notSent(caller, auditIds, e, releaseQuota,
                    claimed && idempotencyKey != null ? () -> idempotency.release(caller.keyId(), idempotencyKey) : null);
            throw e;
        }
    }

    private static void checkDeadline(long entered) {
        if (System.nanoTime() - entered > SEND_DEADLINE_NANOS) {
            throw SesameException.unavailable("Sesame took more than " + TimeUnit.NANOSECONDS.toSeconds(SEND_DEADLINE_NANOS)
                    + " s to get ready to send (its database is slow); nothing was sent, try again");
        }
    }

    /**
     * Book-keeping once SES has acted: its failure (the database down) must not turn SES's real answer into a 500 that
     * invites a retry and a second copy. What is lost is logged: an unreleased quota unit, or an idempotency record left
     * in progress (a retry is then refused as in progress, never sent twice).
     */
    private static void afterSes(CallContext caller, String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed after SES answered (request " + caller.requestId() + "); SES's answer stands", e);
        }
    }

    /** The problem a retry with the same Idempotency-Key is answered with after SES's outcome stayed unknown. */
    static String outcomeUnknown(SesFailure failure, long auditId, String requestId) {
        // the same problem the live answer gives (EmailResource), so a replay reads exactly as the first answer did
        JsonObjectBuilder problem = Json.createObjectBuilder().add("type", "urn:sesame:problem:" + failure.code())
                .add("title", SesFailure.OUTCOME_UNKNOWN_TITLE).add("status", 504)
                .add("detail", failure.sesErrorCode() + ": " + failure.getMessage() + " (audit " + auditId + ")").add("code", failure.code());
        if (requestId != null) {
            problem.add("requestId", requestId);
        }
        return problem.build().toString();
    }

    /** The policy's verdict after rate and quota: what they took, so a failure can give it back. */
    private record Admission(Decision decision, long retryAfterSeconds, boolean quotaCounted) {
    }

    /** What a send counts against rate and quotas: messages (rate, message quota) and recipients (recipient quota). */
    private record Usage(int messages, int recipients) {
    }

    /** Rate limit, then the daily quotas, for a send's messages and recipients, once the policy allowed them. */
    private Admission admit(CallContext caller, ResourceScope scope, Decision decision, Usage usage, LocalDate day) {
        if (decision.allowed() && scope.ratePerSecond() != null) {
            long waitNanos = cluster.acquireRate(caller.keyId(), scope.ratePerSecond(), usage.messages());
            if (waitNanos > 0) {
                return new Admission(deny(ReasonCode.RATE_LIMITED, "more than " + scope.ratePerSecond() + " message(s) per second"),
                        Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L)), false);
            }
        }
        boolean quotas = scope.dailyQuota() != null || scope.dailyRecipientQuota() != null;
        if (decision.allowed() && quotas) {
            DailyQuota.Verdict verdict = quota.tryConsume(caller.keyId(), day, usage.messages(), scope.dailyQuota(),
                    usage.recipients(), scope.dailyRecipientQuota());
            if (verdict == DailyQuota.Verdict.MESSAGES_EXCEEDED) {
                return new Admission(deny(ReasonCode.DAILY_QUOTA_EXCEEDED, "daily quota of " + scope.dailyQuota() + " message(s) used up"),
                        secondsUntilUtcMidnight(), false);
            }
            if (verdict == DailyQuota.Verdict.RECIPIENTS_EXCEEDED) {
                return new Admission(deny(ReasonCode.DAILY_RECIPIENT_QUOTA_EXCEEDED, "daily quota of "
                        + scope.dailyRecipientQuota() + " recipient(s) used up"), secondsUntilUtcMidnight(), false);
            }
        }
        return new Admission(decision, 0, decision.allowed() && quotas);
    }

    /**
     * SendBulkEmail: every destination is checked as a message of its own (the first denial refuses the whole
     * call, naming the destination), counts against rate and quota, and gets its own call event.
     */
    public BulkOutcome sendBulk(CallContext caller, BulkEmail bulk, String idempotencyKey, String requestHash) {
        long entered = System.nanoTime();
        KeyState key = requireKey(caller);
        Outcome prior = priorOutcome(caller, idempotencyKey, requestHash);
        if (prior instanceof Replayed replayed) {
            return BulkOutcome.replay(replayed.status(), replayed.body());
        }
        if (prior instanceof IdempotencyRefused refused) {
            return BulkOutcome.refused(refused.kind(), refused.code(), refused.message(), 0);
        }
        ResourceScope scope = key.policy().scope();
        int count = bulk.destinations().size();
        Decision decision = new Decision(List.of(), null);
        String configurationSet = null;
        for (int i = 0; i < count && decision.allowed(); i++) {
            Decision d = PolicyEngine.evaluate(Permission.SEND_BULK_EMAIL, caller.granted(), scope, bulk.message(i).facts(),
                    caller.clientIp(), false);
            decision = d.allowed() ? d : new Decision(List.of(new Reason(d.primary().code(),
                    "destinations[" + i + "]: " + d.primary().detail())), null);
            configurationSet = d.configurationSet();
        }
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int recipients = 0;
        for (int i = 0; i < count; i++) {
            recipients += bulk.message(i).recipients().size();
        }
        Usage usage = new Usage(count, recipients);
        Admission admission = admit(caller, scope, decision, usage, day);
        decision = admission.decision();
        List<Long> auditIds = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                auditIds.add(audit.begin(caller, Permission.SEND_BULK_EMAIL.action(), bulk.message(i).facts(), decision, gateway.transportName()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Audit unavailable; refusing to send (request " + caller.requestId() + ")", e);
            auditIds.forEach(id -> audit.failed(id, "not sent: the audit of the other destinations could not be written", 0));
            if (admission.quotaCounted()) {
                quota.release(caller.keyId(), day, usage.messages(), usage.recipients());
            }
            throw SesameException.unavailable("the audit trail cannot be written, so nothing is sent; try again later");
        }
        if (!decision.allowed()) {
            return BulkOutcome.refused(decision.primary().code().kind(), decision.primary().code().code(),
                    decision.primary().detail() + " (audit " + auditIds.get(0) + ")", admission.retryAfterSeconds());
        }
        boolean claimed = claimForSend(caller, idempotencyKey, requestHash, entered, auditIds,
                admission.quotaCounted() ? () -> quota.release(caller.keyId(), day, usage.messages(), usage.recipients()) : null);
        if (!claimed) {
            if (admission.quotaCounted()) {
                quota.release(caller.keyId(), day, usage.messages(), usage.recipients());
            }
            auditIds.forEach(id -> audit.failed(id, "idempotency key claimed by a concurrent request", 0));
            IdempotencyRefused refused = inProgress(idempotencyKey);
            return BulkOutcome.refused(refused.kind(), refused.code(), refused.message(), 0);
        }
        long started = System.nanoTime();
        try {
            List<SesTransport.BulkResult> results = gateway.sendBulk(bulk.withConfigurationSet(configurationSet), caller.keyId());
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            JsonArrayBuilder out = Json.createArrayBuilder();
            List<BulkEntry> entries = new ArrayList<>();
            int failed = 0;
            int failedRecipients = 0;
            for (int i = 0; i < count; i++) {
                SesTransport.BulkResult r = i < results.size() ? results.get(i) : new SesTransport.BulkResult("FAILED", null, "no result");
                JsonObjectBuilder item = Json.createObjectBuilder().add("status", r.status()).add("auditId", String.valueOf(auditIds.get(i)));
                if (r.succeeded()) {
                    audit.sent(auditIds.get(i), r.messageId(), latency);
                    item.add("messageId", r.messageId());
                } else {
                    failed++;
                    failedRecipients += bulk.message(i).recipients().size();
                    audit.failed(auditIds.get(i), r.status() + ": " + r.error(), latency);
                    item.add("error", String.valueOf(r.error()));
                }
                out.add(item);
                entries.add(new BulkEntry(r.status(), r.succeeded() ? r.messageId() : null, r.succeeded() ? null : String.valueOf(r.error()),
                        auditIds.get(i)));
            }
            if (failed > 0 && admission.quotaCounted()) {
                int released = failed;
                int releasedRecipients = failedRecipients;
                afterSes(caller, "giving back the quota", () -> quota.release(caller.keyId(), day, released, releasedRecipients));
            }
            String body = Json.createObjectBuilder().add("results", out).build().toString();
            if (idempotencyKey != null) {
                afterSes(caller, "completing the idempotency record", () -> idempotency.complete(caller.keyId(), idempotencyKey, 200, body));
            }
            return BulkOutcome.sent(body, List.copyOf(entries));
        } catch (SesFailure failure) {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            auditIds.forEach(id -> audit.failed(id, failure.sesErrorCode() + ": " + failure.getMessage(), latency));
            if (failure.reason() == SesFailure.Reason.OUTCOME_UNKNOWN) {
                if (idempotencyKey != null) {
                    afterSes(caller, "completing the idempotency record", () -> idempotency.complete(caller.keyId(), idempotencyKey, 504,
                            outcomeUnknown(failure, auditIds.get(0), caller.requestId())));
                }
                throw failure;
            }
            if (admission.quotaCounted()) {
                afterSes(caller, "giving back the quota", () -> quota.release(caller.keyId(), day, usage.messages(), usage.recipients()));
            }
            if (idempotencyKey != null) {
                afterSes(caller, "releasing the idempotency key", () -> idempotency.release(caller.keyId(), idempotencyKey));
            }
            throw failure;
        }
    }

    /**
     * A bulk call's answer: the JSON body (what an idempotent replay answers again) and the same results as values
     * (null for a replay, {@code replayed} true); or a refusal (its kind, code, detail and when to retry).
     */
    public record BulkOutcome(String body, boolean replayed, List<BulkEntry> results, ErrorKind refusal, String code, String detail,
                              long retryAfterSeconds, int status) {

        static BulkOutcome sent(String body, List<BulkEntry> results) {
            return new BulkOutcome(body, false, results, null, null, null, 0, 200);
        }

        /** The first answer again, with its status: a 504 (outcome unknown) must not come back as a 200. */
        static BulkOutcome replay(int status, String body) {
            return new BulkOutcome(body, true, null, null, null, null, 0, status);
        }

        static BulkOutcome refused(ErrorKind kind, String code, String detail, long retryAfterSeconds) {
            return new BulkOutcome(null, false, null, kind, code, detail, retryAfterSeconds, 0);
        }
    }

    /** One destination's result: SES's status, its message id or error, and its call event. */
    public record BulkEntry(String status, String messageId, String error, long auditId) {
    }

    /** The dry run: every reason the policy, rate and quota would give, nothing sent or counted. Audited too. */
    public Decision check(CallContext caller, OutgoingEmail email) {
        KeyState key = requireKey(caller);
        ResourceScope scope = key.policy().scope();
        Decision decision = PolicyEngine.evaluate(Permission.SEND_EMAIL, caller.granted(), scope, email.facts(),
                caller.clientIp(), true);
        List<Reason> reasons = new ArrayList<>(decision.reasons());
        if (scope.ratePerSecond() != null && cluster.peekRate(caller.keyId(), scope.ratePerSecond(), 1) > 0) {
            reasons.add(new Reason(ReasonCode.RATE_LIMITED, "more than " + scope.ratePerSecond() + " message(s) per second"));
        }
        if (scope.dailyQuota() != null || scope.dailyRecipientQuota() != null) {
            DailyQuota.Usage used = quota.current(caller.keyId(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            if (used != null && scope.dailyQuota() != null && used.messages() + 1 > scope.dailyQuota()) {
                reasons.add(new Reason(ReasonCode.DAILY_QUOTA_EXCEEDED, "daily quota of " + scope.dailyQuota() + " used up"));
            }
            long recipients = email.recipients().size();
            if (scope.dailyRecipientQuota() != null && (used == null ? 0 : used.recipients()) + recipients > scope.dailyRecipientQuota()) {
                reasons.add(new Reason(ReasonCode.DAILY_RECIPIENT_QUOTA_EXCEEDED, "daily quota of " + scope.dailyRecipientQuota()
                        + " recipient(s) would be exceeded"));
            }
        }
        Decision full = new Decision(reasons, decision.configurationSet());
        long auditId = audit.begin(caller, "check:" + Permission.SEND_EMAIL.action(), email.facts(), full, "dry-run");
        if (full.allowed()) {
            audit.sent(auditId, null, 0);
        }
        return full;
    }

    private KeyState requireKey(CallContext caller) {
        KeyState key = directory.find(caller.keyId());
        if (key == null) {
            throw new SesameException(ErrorKind.UNAUTHENTICATED, "invalid_token", "the key behind this token no longer exists");
        }
        return key;
    }

    private static Decision deny(ReasonCode code, String detail) {
        return new Decision(List.of(new Reason(code, detail)), null);
    }

    private long secondsUntilUtcMidnight() {
        long now = clock.instant().getEpochSecond();
        return 86_400 - Math.floorMod(now, 86_400);
    }
}
