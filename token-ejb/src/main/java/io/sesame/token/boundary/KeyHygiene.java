package io.sesame.token.boundary;

import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.token.control.ExpiryWarnings;
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
import java.util.EnumSet;
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
    static final String ACTOR = "system:hygiene";

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    SesameSettings settings;

    @EJB
    LifecycleAudit audit;

    @EJB
    KeyDirectory directory;

    @Schedule(hour = "*", minute = "17", persistent = false)
    public void hourly() {
        run(Instant.now());
    }

    /** One pass; returns how many findings it recorded. */
    public int run(Instant now) {
        int findings = 0;
        for (ApiKey key : em.createQuery("select k from ApiKey k where k.status in :live", ApiKey.class)
                .setParameter("live", EnumSet.of(KeyStatus.ACTIVE, KeyStatus.ROTATED_IN_GRACE, KeyStatus.SUSPENDED))
                .getResultList()) {
            if (!now.isBefore(key.getExpiresAt())) {
                key.markExpired();
                audit.record(ACTOR, "key.expired", "api-key", key.getId(), "expired at " + key.getExpiresAt(), null, null);
                directory.invalidate(key.getId());
                findings++;
                continue;
            }
            if (key.getStatus() != KeyStatus.ACTIVE) {
                continue;
            }
            OptionalInt warning = ExpiryWarnings.due(now, key.getExpiresAt(), settings.expiryWarningDays(),
                    key.getExpiryWarnedDays());
            if (warning.isPresent()) {
                key.warnedOfExpiry(warning.getAsInt());
                audit.record(ACTOR, "key.expiring", "api-key", key.getId(), "expires within " + warning.getAsInt()
                        + " day(s), at " + key.getExpiresAt(), null, null);
                findings++;
            }
            Instant lastSeen = key.getLastUsedAt() != null ? key.getLastUsedAt() : key.getCreatedAt();
            if (key.getUnusedFlaggedAt() == null
                    && lastSeen.isBefore(now.minus(Duration.ofDays(settings.unusedFlagDays())))) {
                key.flagUnused(now);
                audit.record(ACTOR, "key.unused", "api-key", key.getId(), "not used for " + settings.unusedFlagDays()
                        + " days (last: " + (key.getLastUsedAt() == null ? "never" : key.getLastUsedAt()) + ")", null, null);
                findings++;
            }
        }
        int purged = em.createQuery("delete from RevokedToken t where t.expiresAt < :now")
                .setParameter("now", now).executeUpdate();
        int total = findings;
        LOG.fine(() -> "Key hygiene: " + total + " finding(s), " + purged + " expired token revocation(s) forgotten");
        return findings;
    }
}
