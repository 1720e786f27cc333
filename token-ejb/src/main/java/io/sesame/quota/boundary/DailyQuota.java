package io.sesame.quota.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.List;

/**
 * Messages and recipients per key and UTC day, counted in the database with one conditional UPDATE (atomic, and shared
 * by every instance), so both quotas hold under concurrency without a read-modify-write race. Messages are what a
 * caller asked for; recipients (To + Cc + Bcc) are what SES counts against the account's daily quota.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DailyQuota {

    /** Which quota, if any, a request did not fit. */
    public enum Verdict { COUNTED, MESSAGES_EXCEEDED, RECIPIENTS_EXCEEDED }

    /** A day's usage of one key. */
    public record Usage(long messages, long recipients) {
    }

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    /**
     * Counts {@code messages} and {@code recipients} if both fit their quotas (null = no quota of that kind); nothing is
     * counted when either does not.
     */
    public Verdict tryConsume(String keyId, LocalDate day, long messages, Long messageQuota, long recipients, Long recipientQuota) {
        long maxMessages = messageQuota == null ? Long.MAX_VALUE / 2 : messageQuota;
        long maxRecipients = recipientQuota == null ? Long.MAX_VALUE / 2 : recipientQuota;
        if (increment(keyId, day, messages, maxMessages, recipients, maxRecipients) == 1) {
            return Verdict.COUNTED;
        }
        Usage usage = current(keyId, day);
        if (usage == null) {
            ensureRow(keyId, day);
            if (increment(keyId, day, messages, maxMessages, recipients, maxRecipients) == 1) {
                return Verdict.COUNTED;
            }
            usage = new Usage(0, 0);
        }
        return usage.messages() + messages > maxMessages ? Verdict.MESSAGES_EXCEEDED : Verdict.RECIPIENTS_EXCEEDED;
    }

    private int increment(String keyId, LocalDate day, long messages, long maxMessages, long recipients, long maxRecipients) {
        return em.createNativeQuery("update daily_usage set sent = sent + ?1, recipients = recipients + ?2 "
                        + "where key_id = ?3 and usage_day = ?4 and sent + ?1 <= ?5 and recipients + ?2 <= ?6")
                .setParameter(1, messages).setParameter(2, recipients).setParameter(3, keyId).setParameter(4, day)
                .setParameter(5, maxMessages).setParameter(6, maxRecipients)
                .executeUpdate();
    }

    /** Creates the day's row; a concurrent creator winning is fine (the conditional insert adds nothing then). */
    private void ensureRow(String keyId, LocalDate day) {
        em.createNativeQuery("insert into daily_usage (key_id, usage_day, sent, recipients) select ?1, ?2, 0, 0 from (values (1)) as one(x) "
                        + "where not exists (select 1 from daily_usage where key_id = ?1 and usage_day = ?2)")
                .setParameter(1, keyId).setParameter(2, day).executeUpdate();
    }

    /** Gives back what was counted but not sent (SES failed). */
    public void release(String keyId, LocalDate day, long messages, long recipients) {
        em.createNativeQuery("update daily_usage set sent = case when sent >= ?1 then sent - ?1 else 0 end, "
                        + "recipients = case when recipients >= ?2 then recipients - ?2 else 0 end where key_id = ?3 and usage_day = ?4")
                .setParameter(1, messages).setParameter(2, recipients).setParameter(3, keyId).setParameter(4, day).executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Usage current(String keyId, LocalDate day) {
        List<?> rows = em.createNativeQuery("select sent, recipients from daily_usage where key_id = ?1 and usage_day = ?2")
                .setParameter(1, keyId).setParameter(2, day).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Usage(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
}
