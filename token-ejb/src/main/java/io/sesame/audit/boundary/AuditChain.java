package io.sesame.audit.boundary;

import io.sesame.audit.control.Checkpoint;
import io.sesame.audit.control.HashChain;
import io.sesame.audit.entity.AuditChainEntry;
import io.sesame.audit.entity.AuditCheckpoint;
import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.platform.boundary.JobLeases;
import io.sesame.platform.boundary.SesameSettings;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Seals finished audit events into the hash chain every few seconds (one writer at a time: a second sealer
 * collides on the next sequence number and retries on its next tick), and verifies the chain on demand.
 * A call event is sealed once it has its outcome, or as it is when it has stayed pending for 10 minutes.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditChain {

    private static final Logger LOG = Logger.getLogger(AuditChain.class.getName());
    static final int BATCH = 1000;
    static final Duration ABANDONED = Duration.ofMinutes(10);
    static final Duration TICK_BUDGET = Duration.ofSeconds(4);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    SesameSettings settings;

    @EJB
    LifecycleAudit audit;

    @Resource
    SessionContext context;

    @EJB
    JobLeases leases;

    /** Seals batch after batch (each its own transaction) until caught up or the tick's time is used. */
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick() {
        try {
            // One sealer at a time across instances (the chain's primary key would refuse a second one anyway).
            if (!leases.holds("audit-sealer", Duration.ofSeconds(30))) {
                return;
            }
            AuditChain self = context.getBusinessObject(AuditChain.class);
            long deadline = System.nanoTime() + TICK_BUDGET.toNanos();
            while (self.seal() >= BATCH && System.nanoTime() < deadline) {
                // more are waiting: keep going
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "audit sealing deferred to the next tick", e);
        }
    }

    /** Appends every finished, unsealed event to the chain; returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public synchronized int seal() {
        List<AuditChainEntry> last = em.createQuery("select c from AuditChainEntry c order by c.seq desc", AuditChainEntry.class)
                .setMaxResults(1).getResultList();
        long seq = last.isEmpty() ? 0 : last.get(0).getSeq();
        String prev = last.isEmpty() ? HashChain.GENESIS : last.get(0).getEntryHash();
        Instant now = Instant.now();
        int sealed = 0;
        for (LifecycleEvent e : em.createQuery("select e from LifecycleEvent e where e.sealed = false order by e.id", LifecycleEvent.class)
                .setMaxResults(BATCH).getResultList()) {
            seq++;
            prev = append(seq, HashChain.LIFECYCLE, e.getId(), HashChain.contentHash(e), prev, now);
            e.seal();
            sealed++;
        }
        for (CallEvent e : em.createQuery("select e from CallEvent e where e.sealed = false and (e.decision <> :pending "
                        + "or e.occurredAt < :abandoned) order by e.id", CallEvent.class)
                .setParameter("pending", CallEvent.Decision.PENDING)
                .setParameter("abandoned", now.minus(ABANDONED))
                .setMaxResults(BATCH).getResultList()) {
            seq++;
            prev = append(seq, HashChain.CALL, e.getId(), HashChain.contentHash(e), prev, now);
            e.seal();
            sealed++;
        }
        em.flush();
        return sealed;
    }

    private String append(long seq, String type, long id, String contentHash, String prev, Instant now) {
        String hash = HashChain.entryHash(seq, type, id, contentHash, prev);
        em.persist(new AuditChainEntry(seq, type, id, contentHash, prev, hash, now));
        return hash;
    }

    /** What one retention batch removed (nothing when no entry was sealed before the cutoff). */
    public record Purge(long callEvents, long lifecycleEvents, Checkpoint checkpoint) {
    }

    /**
     * Retention, one batch: removes the oldest chain entries sealed before the cutoff (at most BATCH of them) with
     * their events, and records a signed checkpoint of the last entry removed, all in one transaction. Entries are
     * sealed in sequence order, so "sealed before the cutoff" is always a prefix of the chain.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public synchronized Purge purgeBatch(Instant cutoff, String actor) {
        List<AuditChainEntry> first = em.createQuery("select c from AuditChainEntry c order by c.seq", AuditChainEntry.class)
                .setMaxResults(1).getResultList();
        if (first.isEmpty() || !first.get(0).getSealedAt().isBefore(cutoff)) {
            return new Purge(0, 0, null);
        }
        long last = em.createQuery("select max(c.seq) from AuditChainEntry c where c.sealedAt < :cutoff and c.seq < :limit", Long.class)
                .setParameter("cutoff", cutoff).setParameter("limit", first.get(0).getSeq() + BATCH).getSingleResult();
        AuditChainEntry lastEntry = em.find(AuditChainEntry.class, last);
        long calls = em.createQuery("delete from CallEvent e where e.id in (select c.eventId from AuditChainEntry c "
                        + "where c.eventType = :type and c.seq <= :last)")
                .setParameter("type", HashChain.CALL).setParameter("last", last).executeUpdate();
        long lifecycle = em.createQuery("delete from LifecycleEvent e where e.id in (select c.eventId from AuditChainEntry c "
                        + "where c.eventType = :type and c.seq <= :last)")
                .setParameter("type", HashChain.LIFECYCLE).setParameter("last", last).executeUpdate();
        Checkpoint checkpoint = Checkpoint.of(last, lastEntry.getEntryHash(), cutoff, calls, lifecycle, Instant.now());
        em.createQuery("delete from AuditChainEntry c where c.seq <= :last").setParameter("last", last).executeUpdate();
        em.persist(checkpoint.stored(checkpoint.sign(checkpointKey())));
        audit.record(actor, "audit.purged", "audit", String.valueOf(last), "removed " + calls + " call and " + lifecycle
                + " lifecycle events sealed before " + cutoff + "; chain continues after entry " + last, null, null);
        return new Purge(calls, lifecycle, checkpoint);
    }

    private byte[] checkpointKey() {
        return settings.pepper().deriveKey(Checkpoint.KEY_PURPOSE);
    }

    /**
     * Walks the chain from the newest retention checkpoint (or from the start): every checkpoint's signature must
     * hold, every entry must link to the previous one, and its event must still exist with the content it had when
     * sealed. Reports the first broken link.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public JsonObject verify() {
        long expectedSeq = 1;
        String prev = HashChain.GENESIS;
        byte[] key = checkpointKey();
        JsonObjectBuilder from = null;
        for (AuditCheckpoint checkpoint : em.createQuery("select c from AuditCheckpoint c order by c.seq", AuditCheckpoint.class)
                .getResultList()) {
            Checkpoint content = Checkpoint.of(checkpoint);
            if (!content.verify(key, checkpoint.getSignature())) {
                return result(false, 0).add("brokenAt", Json.createObjectBuilder().add("checkpoint", content.seq())
                        .add("reason", "the retention checkpoint's signature does not match its content (forged or edited)")).build();
            }
            expectedSeq = content.seq() + 1;
            prev = content.entryHash();
            from = Json.createObjectBuilder().add("seq", content.seq()).add("purgedBefore", content.purgedBefore().toString())
                    .add("createdAt", content.createdAt().toString());
        }
        JsonObject outcome = walk(expectedSeq, prev);
        if (from == null) {
            return outcome;
        }
        return Json.createObjectBuilder(outcome).add("checkpoint", from).build();
    }

    private JsonObject walk(long expectedSeq, String prev) {
        long checked = 0;
        try (Stream<AuditChainEntry> entries = em.createQuery("select c from AuditChainEntry c where c.seq >= :start order by c.seq",
                        AuditChainEntry.class).setParameter("start", expectedSeq)
                .setHint("org.hibernate.fetchSize", 500).setHint("org.hibernate.readOnly", true).getResultStream()) {
            for (AuditChainEntry entry : (Iterable<AuditChainEntry>) entries::iterator) {
                String problem = null;
                if (entry.getSeq() != expectedSeq) {
                    problem = "entry " + expectedSeq + " is missing";
                } else if (!entry.getPrevHash().equals(prev)
                        || !entry.getEntryHash().equals(HashChain.entryHash(entry.getSeq(), entry.getEventType(),
                        entry.getEventId(), entry.getContentHash(), entry.getPrevHash()))) {
                    problem = "the chain entry was altered";
                } else {
                    String content = currentContentHash(entry.getEventType(), entry.getEventId());
                    if (content == null) {
                        problem = "the " + entry.getEventType() + " event was deleted";
                    } else if (!content.equals(entry.getContentHash())) {
                        problem = "the " + entry.getEventType() + " event was modified after it was sealed";
                    }
                }
                if (problem != null) {
                    return result(false, checked).add("brokenAt", Json.createObjectBuilder()
                            .add("seq", entry.getSeq()).add("eventType", entry.getEventType()).add("eventId", entry.getEventId())
                            .add("sealedAt", entry.getSealedAt().toString()).add("reason", problem)).build();
                }
                prev = entry.getEntryHash();
                expectedSeq++;
                checked++;
                if (checked % 500 == 0) {
                    em.clear();
                }
            }
        }
        return result(true, checked).build();
    }

    private JsonObjectBuilder result(boolean ok, long checked) {
        long unsealed = em.createQuery("select count(e) from CallEvent e where e.sealed = false", Long.class).getSingleResult()
                + em.createQuery("select count(e) from LifecycleEvent e where e.sealed = false", Long.class).getSingleResult();
        return Json.createObjectBuilder().add("ok", ok).add("verified", checked).add("unsealed", unsealed);
    }

    private String currentContentHash(String type, long id) {
        if (HashChain.CALL.equals(type)) {
            CallEvent e = em.find(CallEvent.class, id);
            return e == null ? null : HashChain.contentHash(e);
        }
        LifecycleEvent e = em.find(LifecycleEvent.class, id);
        return e == null ? null : HashChain.contentHash(e);
    }
}
