package io.sesame.report.boundary;

import io.sesame.alert.entity.Alert;
import io.sesame.audit.entity.CallEvent;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.KeyStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the portal's dashboard shows: activity per day, reputation, top keys, keys needing attention, open alerts. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Dashboard {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    /** One UTC day of activity. Rates are null when no message had a known fate that day. */
    public record Day(LocalDate date, long calls, long sends, long denials, long deliveries, long bounces, long complaints) {

        public Double bounceRate() {
            long messages = deliveries + bounces;
            return messages == 0 ? null : (double) bounces / messages;
        }

        public Double complaintRate() {
            long messages = deliveries + bounces;
            return messages == 0 ? null : (double) complaints / messages;
        }
    }

    /** A key's allowed calls in the period. */
    public record KeyVolume(String keyId, String applicationId, long calls) {
    }

    public record Summary(List<Day> days, List<KeyVolume> topKeys, List<ApiKey> expiringSoon, List<ApiKey> unused,
                          long activeKeys, long applications, long openAlerts, List<Alert> recentAlerts) {
    }

    public Summary summary(Instant now, int days, int expiringWithinDays, int unusedForDays) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, long[]> perDay = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            perDay.put(d, new long[6]);
        }
        // One range query per UTC day (served by the index on occurred_at), so days are UTC on every database.
        for (Map.Entry<LocalDate, long[]> entry : perDay.entrySet()) {
            Instant start = entry.getKey().atStartOfDay(ZoneOffset.UTC).toInstant();
            for (Object[] row : em.createQuery("select e.decision, count(e), count(e.sesMessageId) from CallEvent e "
                            + "where e.occurredAt >= :start and e.occurredAt < :end group by e.decision", Object[].class)
                    .setParameter("start", start).setParameter("end", start.plus(Duration.ofDays(1))).getResultList()) {
                long[] day = entry.getValue();
                long count = ((Number) row[1]).longValue();
                day[0] += count;
                if (row[0] == CallEvent.Decision.DENIED) {
                    day[2] += count;
                } else if (row[0] == CallEvent.Decision.ALLOWED) {
                    day[1] += ((Number) row[2]).longValue();
                }
            }
        }
        for (Object row : em.createNativeQuery("select outcome_day, sum(deliveries), sum(bounces), sum(complaints) "
                + "from key_reputation_day where outcome_day >= ?1 group by outcome_day").setParameter(1, first).getResultList()) {
            Object[] r = (Object[]) row;
            long[] day = perDay.get(toLocalDate(r[0]));
            if (day != null) {
                day[3] = n(r[1]);
                day[4] = n(r[2]);
                day[5] = n(r[3]);
            }
        }
        List<Day> out = new ArrayList<>();
        perDay.forEach((d, v) -> out.add(new Day(d, v[0], v[1], v[2], v[3], v[4], v[5])));

        List<KeyVolume> top = em.createQuery("select e.keyId, e.applicationId, count(e) from CallEvent e where e.occurredAt >= :since "
                        + "and e.decision = :allowed and e.keyId is not null group by e.keyId, e.applicationId order by count(e) desc", Object[].class)
                .setParameter("since", now.minus(Duration.ofDays(7))).setParameter("allowed", CallEvent.Decision.ALLOWED)
                .setMaxResults(5).getResultList().stream()
                .map(r -> new KeyVolume((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
        java.util.Set<KeyStatus> live = KeyStatus.LIVE;
        List<ApiKey> expiring = em.createQuery("select k from ApiKey k where k.status in :live and k.expiresAt < :soon "
                        + "order by k.expiresAt", ApiKey.class)
                .setParameter("live", live).setParameter("soon", now.plus(Duration.ofDays(expiringWithinDays)))
                .setMaxResults(10).getResultList();
        List<ApiKey> unused = em.createQuery("select k from ApiKey k where k.status in :live and "
                        + "((k.lastUsedAt is null and k.createdAt < :cutoff) or k.lastUsedAt < :cutoff) order by k.createdAt", ApiKey.class)
                .setParameter("live", live).setParameter("cutoff", now.minus(Duration.ofDays(unusedForDays)))
                .setMaxResults(10).getResultList();
        long activeKeys = em.createQuery("select count(k) from ApiKey k where k.status in :live", Long.class)
                .setParameter("live", live).getSingleResult();
        long applications = em.createQuery("select count(a) from Application a", Long.class).getSingleResult();
        long openAlerts = em.createQuery("select count(a) from Alert a where a.status = :open", Long.class)
                .setParameter("open", Alert.Status.OPEN).getSingleResult();
        List<Alert> recent = em.createQuery("select a from Alert a where a.status = :open order by a.lastSeen desc", Alert.class)
                .setParameter("open", Alert.Status.OPEN).setMaxResults(5).getResultList();
        return new Summary(out, top, expiring, unused, activeKeys, applications, openAlerts, recent);
    }

    /** One key's allowed and denied calls per UTC day, oldest first (for its usage chart). */
    public List<long[]> keyUsage(String keyId, Instant now, int days) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<long[]> out = new ArrayList<>();
        for (LocalDate d = today.minusDays(days - 1L); !d.isAfter(today); d = d.plusDays(1)) {
            Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            long[] day = new long[3];
            day[0] = d.toEpochDay();
            for (Object[] row : em.createQuery("select e.decision, count(e) from CallEvent e where e.keyId = :key and e.occurredAt >= :start "
                            + "and e.occurredAt < :end group by e.decision", Object[].class)
                    .setParameter("key", keyId).setParameter("start", start).setParameter("end", start.plus(Duration.ofDays(1)))
                    .getResultList()) {
                day[row[0] == CallEvent.Decision.DENIED ? 2 : 1] += ((Number) row[1]).longValue();
            }
            out.add(day);
        }
        return out;
    }

    private static LocalDate toLocalDate(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return (LocalDate) value;
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
