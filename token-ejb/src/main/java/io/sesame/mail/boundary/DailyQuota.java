package io.sesame.mail.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.List;

/**
 * Messages per key and UTC day, counted in the database with one conditional UPDATE (atomic, and shared by
 * every instance), so a quota holds under concurrency without a read-modify-write race.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DailyQuota {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    /** Counts {@code messages} if they fit in {@code quota}; false (nothing counted) when they do not. */
    public boolean tryConsume(String keyId, LocalDate day, long messages, long quota) {
        if (increment(keyId, day, messages, quota) == 1) {
            return true;
        }
        if (current(keyId, day) == null) {
            ensureRow(keyId, day);
            return increment(keyId, day, messages, quota) == 1;
        }
        return false;
    }

    private int increment(String keyId, LocalDate day, long messages, long quota) {
        return em.createNativeQuery("update daily_usage set sent = sent + ?1 where key_id = ?2 and usage_day = ?3 and sent + ?1 <= ?4")
                .setParameter(1, messages).setParameter(2, keyId).setParameter(3, day).setParameter(4, quota)
                .executeUpdate();
    }

    /** Creates the day's row; a concurrent creator winning is fine (the conditional insert adds nothing then). */
    private void ensureRow(String keyId, LocalDate day) {
        em.createNativeQuery("insert into daily_usage (key_id, usage_day, sent) select ?1, ?2, 0 from (values (1)) as one(x) "
                        + "where not exists (select 1 from daily_usage where key_id = ?1 and usage_day = ?2)")
                .setParameter(1, keyId).setParameter(2, day).executeUpdate();
    }

    /** Gives back messages that were counted but not sent (SES failed). */
    public void release(String keyId, LocalDate day, long messages) {
        em.createNativeQuery("update daily_usage set sent = case when sent >= ?1 then sent - ?1 else 0 end where key_id = ?2 and usage_day = ?3")
                .setParameter(1, messages).setParameter(2, keyId).setParameter(3, day).executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Long current(String keyId, LocalDate day) {
        List<?> rows = em.createNativeQuery("select sent from daily_usage where key_id = ?1 and usage_day = ?2")
                .setParameter(1, keyId).setParameter(2, day).getResultList();
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }
}
