package io.sesame.mail.boundary;

import io.sesame.mail.entity.IdempotencyRecord;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;

/**
 * Idempotency-Key handling: the first result of a request is kept 24 hours and replayed for a retry with the
 * same key and body; the same key with another body is refused. Claims are inserts, so two concurrent retries
 * cannot both send.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IdempotencyStore {

    public static final Duration RETENTION = Duration.ofHours(24);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    /** What an earlier request with the same key says about this one. */
    public sealed interface Prior permits None, Replay, InProgress, Mismatch {
    }

    public record None() implements Prior {
    }

    public record Replay(int status, String body) implements Prior {
    }

    public record InProgress() implements Prior {
    }

    public record Mismatch() implements Prior {
    }

    public Prior lookup(String keyId, String idempotencyKey, String requestHash) {
        IdempotencyRecord record = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(keyId, idempotencyKey));
        if (record == null || record.getCreatedAt().isBefore(Instant.now().minus(RETENTION))) {
            if (record != null) {
                em.remove(record);
            }
            return new None();
        }
        if (!record.getRequestHash().equals(requestHash)) {
            return new Mismatch();
        }
        if (record.getState() == IdempotencyRecord.State.IN_PROGRESS) {
            return new InProgress();
        }
        return new Replay(record.getHttpStatus(), record.getResponse());
    }

    /** Claims the key for this request; false when another request holds it already. */
    public boolean claim(String keyId, String idempotencyKey, String requestHash) {
        int inserted = em.createNativeQuery("insert into idempotency_record (key_id, idempotency_key, request_hash, state, created_at) "
                        + "select ?1, ?2, ?3, 'IN_PROGRESS', ?4 from (values (1)) as one(x) "
                        + "where not exists (select 1 from idempotency_record where key_id = ?1 and idempotency_key = ?2)")
                .setParameter(1, keyId).setParameter(2, idempotencyKey).setParameter(3, requestHash)
                .setParameter(4, Instant.now()).executeUpdate();
        return inserted == 1;
    }

    public void complete(String keyId, String idempotencyKey, int status, String body) {
        IdempotencyRecord record = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(keyId, idempotencyKey));
        if (record != null) {
            record.complete(status, body);
        }
    }

    /** A retryable failure (throttling, SES unreachable): the next retry may try again. */
    public void release(String keyId, String idempotencyKey) {
        IdempotencyRecord record = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(keyId, idempotencyKey));
        if (record != null) {
            em.remove(record);
        }
    }

    @Schedule(hour = "*", minute = "41", persistent = false)
    public void purge() {
        em.createQuery("delete from IdempotencyRecord r where r.createdAt < :cutoff")
                .setParameter("cutoff", Instant.now().minus(RETENTION)).executeUpdate();
    }
}
