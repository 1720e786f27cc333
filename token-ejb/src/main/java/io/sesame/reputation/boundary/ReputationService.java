package io.sesame.reputation.boundary;

import io.sesame.alert.boundary.AlertService;
import io.sesame.alert.entity.AlertKind;
import io.sesame.reputation.control.Reputation;
import io.sesame.reputation.control.SesEvent;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key SES reputation: outcomes counted per key and UTC day, bounce and complaint rates over the last 30 days,
 * and the alerts (with auto-suspension by default) when a rate crosses its rule's threshold.
 */
@Stateless
public class ReputationService {

    public static final int WINDOW_DAYS = 30;

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    ReputationSettings reputationSettings;

    @EJB
    AlertService alerts;

    /** The key that sent an SES message, from the call audit; null when unknown (not sent through Sesame, or purged). */
    public String[] keyOf(String sesMessageId) {
        List<Object[]> rows = em.createQuery("select e.keyId, e.applicationId from CallEvent e where e.sesMessageId = :id",
                Object[].class).setParameter("id", sesMessageId).setMaxResults(1).getResultList();
        return rows.isEmpty() || rows.get(0)[0] == null ? null : new String[] {(String) rows.get(0)[0], (String) rows.get(0)[1]};
    }

    /** Counts one outcome for the key on the day (MANDATORY: together with marking the SNS message processed). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void count(String keyId, SesEvent.Outcome outcome, LocalDate day) {
        String column = outcome.column(); // from the enum, never from input
        int updated = em.createNativeQuery("update key_reputation_day set " + column + " = " + column
                        + " + 1 where key_id = ?1 and outcome_day = ?2")
                .setParameter(1, keyId).setParameter(2, day).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into key_reputation_day (key_id, outcome_day, sends, deliveries, bounces, complaints, rejects) "
                            + "select ?1, ?2, 0, 0, 0, 0, 0 from (values (1)) as one(x) "
                            + "where not exists (select 1 from key_reputation_day where key_id = ?1 and outcome_day = ?2)")
                    .setParameter(1, keyId).setParameter(2, day).executeUpdate();
            em.createNativeQuery("update key_reputation_day set " + column + " = " + column + " + 1 where key_id = ?1 and outcome_day = ?2")
                    .setParameter(1, keyId).setParameter(2, day).executeUpdate();
        }
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Reputation of(String keyId, Instant now) {
        Map<String, Reputation> all = window(keyId, now);
        return all.getOrDefault(keyId, new Reputation(0, 0, 0, 0, 0));
    }

    /** Every key with outcomes in the window (or one key), by key id. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, Reputation> window(String keyId, Instant now) {
        LocalDate from = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(WINDOW_DAYS - 1L);
        var query = em.createNativeQuery("select key_id, sum(sends), sum(deliveries), sum(bounces), sum(complaints), sum(rejects) "
                        + "from key_reputation_day where outcome_day >= ?1" + (keyId == null ? "" : " and key_id = ?2")
                        + " group by key_id order by key_id")
                .setParameter(1, from);
        if (keyId != null) {
            query.setParameter(2, keyId);
        }
        List<?> rows = query.getResultList();
        Map<String, Reputation> out = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.put((String) r[0], new Reputation(n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5])));
        }
        return out;
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** After an outcome: judges the key's rates against the bounce and complaint rules (each raise in its own transaction). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void judge(String keyId, String applicationId, Instant now) {
        Reputation r = of(keyId, now);
        if (!r.judgeable(reputationSettings.reputationMinMessages())) {
            return;
        }
        var overrides = alerts.overrides();
        alerts.raise(new AlertService.Signal(AlertKind.BOUNCE_RATE, keyId, applicationId, r.bounceRate(),
                String.format("bounce rate %.2f %% (%d of %d messages in %d days)", r.bounceRate() * 100, r.bounces(), r.messages(),
                        WINDOW_DAYS)), overrides);
        alerts.raise(new AlertService.Signal(AlertKind.COMPLAINT_RATE, keyId, applicationId, r.complaintRate(),
                String.format("complaint rate %.3f %% (%d of %d messages in %d days)", r.complaintRate() * 100, r.complaints(),
                        r.messages(), WINDOW_DAYS)), overrides);
    }

    /** Processed SNS message ids are needed only as long as SNS may redeliver. */
    @Schedule(hour = "*", minute = "23", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void forgetOldMessageIds() {
        em.createNativeQuery("delete from sns_message where received_at < ?1")
                .setParameter(1, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(2)))).executeUpdate();
    }
}
