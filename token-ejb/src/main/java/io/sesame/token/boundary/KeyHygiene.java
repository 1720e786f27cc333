package io.sesame.token.boundary;

import io.sesame.access.control.Actor;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.boundary.JobLeases;
import io.sesame.policy.control.Permission;
import io.sesame.token.control.ExpiryWarnings;
import io.sesame.token.control.KeyLifecycle;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.KeyStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * Scheduled key hygiene: marks expired keys, warns before expiry (sesame.keys.expiry-warning-days), flags keys
 * unused for sesame.keys.unused-flag-days, forgets revocations of tokens that have expired. Each finding is a
 * lifecycle event (the alerts component acts on them).
 */
@Singleton
public class KeyHygiene {

    private static final Logger LOG = Logger.getLogger(KeyHygiene.class.getName());

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    TokenSettings tokenSettings;

    @EJB
    LifecycleAudit audit;

    @Inject
    KeyDirectory directory;

    /** One thing a pass found and recorded. */
    public record Finding(String keyId, String event, String detail) {
    }

    @EJB
    JobLeases leases;

    @Schedule(hour = "*", minute = "17", persistent = false)
    public void hourly() {
        if (!leases.holds("key-hygiene", Duration.ofMinutes(50))) {
            return; // another instance runs it this hour
        }
        run(Instant.now(), Actor.system("hygiene"));
    }

    /** One pass, on schedule or on an operator's request; returns what it recorded. */
    public List<Finding> run(Instant now, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        List<Finding> findings = new ArrayList<>();
        for (ApiKey key : em.createQuery("select k from ApiKey k where k.status in :live", ApiKey.class)
                .setParameter("live", KeyStatus.NOT_ENDED)
                .getResultList()) {
            KeyLifecycle.Change expired = KeyLifecycle.expire(KeyService.stateOf(key), now);
            if (expired.changed()) {
                KeyService.apply(key, expired);
                findings.add(record(actor.name(), key, expired.event(), "expired at " + key.getExpiresAt()));
                directory.invalidate(key.getId());
                continue;
            }
            if (key.getStatus() != KeyStatus.ACTIVE) {
                continue;
            }
            OptionalInt warning = ExpiryWarnings.due(now, key.getExpiresAt(), tokenSettings.expiryWarningDays(),
                    key.getExpiryWarnedDays());
            if (warning.isPresent()) {
                key.warnedOfExpiry(warning.getAsInt());
                findings.add(record(actor.name(), key, "key.expiring", "expires within " + warning.getAsInt()
                        + " day(s), at " + key.getExpiresAt()));
            }
            Instant lastSeen = key.getLastUsedAt() != null ? key.getLastUsedAt() : key.getCreatedAt();
            if (key.getUnusedFlaggedAt() == null
                    && lastSeen.isBefore(now.minus(Duration.ofDays(tokenSettings.unusedFlagDays())))) {
                key.flagUnused(now);
                findings.add(record(actor.name(), key, "key.unused", "not used for " + tokenSettings.unusedFlagDays()
                        + " days (last: " + (key.getLastUsedAt() == null ? "never" : key.getLastUsedAt()) + ")"));
            }
        }
        int purged = em.createQuery("delete from RevokedToken t where t.expiresAt < :now")
                .setParameter("now", now).executeUpdate();
        LOG.fine(() -> "Key hygiene: " + findings.size() + " finding(s), " + purged
                + " expired token revocation(s) forgotten");
        return findings;
    }

    private Finding record(String actor, ApiKey key, String event, String detail) {
        audit.record(actor, event, "api-key", key.getId(), detail, null, null);
        return new Finding(key.getId(), event, detail);
    }
}
