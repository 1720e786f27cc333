package io.sesame.mail.boundary;

import io.sesame.mail.control.CallContext;
import io.sesame.mail.control.OutgoingEmail;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Decision;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyEngine;
import io.sesame.policy.control.Reason;
import io.sesame.policy.control.ReasonCode;
import io.sesame.policy.control.ResourceScope;
import io.sesame.ses.boundary.SesGateway;
import io.sesame.ses.control.SesFailure;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.control.KeyState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
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
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SendService {

    private static final Logger LOG = Logger.getLogger(SendService.class.getName());

    @EJB
    KeyDirectory directory;

    @EJB
    CallAudit audit;

    @EJB
    DailyQuota quota;

    @EJB
    SendLimits limits;

    @EJB
    IdempotencyStore idempotency;

    @EJB
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

    public record IdempotencyRefused(int status, String message) implements Outcome {
    }

    public Outcome send(CallContext caller, OutgoingEmail email, String idempotencyKey, String requestHash) {
        KeyState key = requireKey(caller);
        if (idempotencyKey != null) {
            IdempotencyStore.Prior prior = idempotency.lookup(caller.keyId(), idempotencyKey, requestHash);
            if (prior instanceof IdempotencyStore.Replay replay) {
                return new Replayed(replay.status(), replay.body());
            }
            if (prior instanceof IdempotencyStore.Mismatch) {
                return new IdempotencyRefused(422, "Idempotency-Key '" + idempotencyKey
                        + "' was used with a different request body in the last 24 hours");
            }
            if (prior instanceof IdempotencyStore.InProgress) {
                return new IdempotencyRefused(409, "a request with Idempotency-Key '" + idempotencyKey + "' is in progress");
            }
        }
        ResourceScope scope = key.policy().scope();
        Decision decision = PolicyEngine.evaluate(Permission.SEND_EMAIL, caller.granted(), scope, email.facts(),
                caller.clientIp(), false);
        long retryAfter = 0;
        int messages = 1;
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        boolean quotaCounted = false;
        if (decision.allowed() && scope.ratePerSecond() != null) {
            long waitNanos = limits.acquire(caller.keyId(), scope.ratePerSecond(), messages);
            if (waitNanos > 0) {
                retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
                decision = deny(ReasonCode.RATE_LIMITED, "more than " + scope.ratePerSecond() + " message(s) per second");
            }
        }
        if (decision.allowed() && scope.dailyQuota() != null) {
            quotaCounted = quota.tryConsume(caller.keyId(), day, messages, scope.dailyQuota());
            if (!quotaCounted) {
                retryAfter = secondsUntilUtcMidnight();
                decision = deny(ReasonCode.DAILY_QUOTA_EXCEEDED, "daily quota of " + scope.dailyQuota() + " message(s) used up");
            }
        }
        long auditId;
        try {
            auditId = audit.begin(caller, Permission.SEND_EMAIL.action(), email, decision, gateway.transportName());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Audit unavailable; refusing to send (request " + caller.requestId() + ")", e);
            if (quotaCounted) {
                quota.release(caller.keyId(), day, messages);
            }
            throw SesameException.unavailable("the audit trail cannot be written, so nothing is sent; try again later");
        }
        if (!decision.allowed()) {
            return new Denied(decision, auditId, retryAfter);
        }
        if (idempotencyKey != null && !idempotency.claim(caller.keyId(), idempotencyKey, requestHash)) {
            if (quotaCounted) {
                quota.release(caller.keyId(), day, messages);
            }
            audit.failed(auditId, "idempotency key claimed by a concurrent request", 0);
            return new IdempotencyRefused(409, "a request with Idempotency-Key '" + idempotencyKey + "' is in progress");
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
                idempotency.complete(caller.keyId(), idempotencyKey, 200, body);
            }
            return new Sent(messageId, auditId, body);
        } catch (SesFailure failure) {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            audit.failed(auditId, failure.sesErrorCode() + ": " + failure.getMessage(), latency);
            if (quotaCounted) {
                quota.release(caller.keyId(), day, messages);
            }
            if (idempotencyKey != null) {
                idempotency.release(caller.keyId(), idempotencyKey);
            }
            return new Failed(failure, auditId);
        }
    }

    /** The dry run: every reason the policy, rate and quota would give, nothing sent or counted. Audited too. */
    public Decision check(CallContext caller, OutgoingEmail email) {
        KeyState key = requireKey(caller);
        ResourceScope scope = key.policy().scope();
        Decision decision = PolicyEngine.evaluate(Permission.SEND_EMAIL, caller.granted(), scope, email.facts(),
                caller.clientIp(), true);
        List<Reason> reasons = new ArrayList<>(decision.reasons());
        if (scope.ratePerSecond() != null && limits.peek(caller.keyId(), scope.ratePerSecond(), 1) > 0) {
            reasons.add(new Reason(ReasonCode.RATE_LIMITED, "more than " + scope.ratePerSecond() + " message(s) per second"));
        }
        if (scope.dailyQuota() != null) {
            Long used = quota.current(caller.keyId(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            if (used != null && used + 1 > scope.dailyQuota()) {
                reasons.add(new Reason(ReasonCode.DAILY_QUOTA_EXCEEDED, "daily quota of " + scope.dailyQuota() + " used up"));
            }
        }
        Decision full = new Decision(reasons, decision.configurationSet());
        long auditId = audit.begin(caller, "check:" + Permission.SEND_EMAIL.action(), email, full, "dry-run");
        if (full.allowed()) {
            audit.sent(auditId, null, 0);
        }
        return full;
    }

    private KeyState requireKey(CallContext caller) {
        KeyState key = directory.find(caller.keyId());
        if (key == null) {
            throw new SesameException(401, "invalid_token", "the key behind this token no longer exists");
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
