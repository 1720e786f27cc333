package io.sesame.audit.boundary;

import io.sesame.audit.control.ChainHead;
import io.sesame.audit.control.ChainWalk;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
            // Seal only onto the chain that was exported last: sealing onto a truncated or rewritten one would re-sign
            // it and export a head that hides what was done.
            String problem = self.headProblem();
            if (problem != null) {
                halt(problem);
                return;
            }
            haltedFor = null;
            long deadline = System.nanoTime() + TICK_BUDGET.toNanos();
            int sealed;
            int total = 0;
            do {
                sealed = self.seal();
                total += sealed;
            } while (sealed >= BATCH && System.nanoTime() < deadline);
            if (total > 0) {
                self.exportHead();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "audit sealing deferred to the next tick", e);
        }
    }

    /** Why sealing stopped (the chain no longer holds the exported head), or null while it goes on. */
    private volatile String haltedFor;

    private void halt(String problem) {
        if (problem.equals(haltedFor)) {
            return;
        }
        haltedFor = problem;
        LOG.severe("Audit sealing halted: " + problem + ". New events stay unsealed until this is investigated; "
                + "to resume sealing onto the chain as it is, move " + headFile() + " aside.");
        try {
            audit.record("system:sealer", "audit.sealing-halted", "audit", null, problem, null, null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the halt could not be recorded as a lifecycle event", e);
        }
    }

    /**
     * Null when the chain still holds the head exported last (its entry, with the same hash, or a signed retention
     * checkpoint past it) or none was exported; else what is wrong.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String headProblem() {
        ChainHead head;
        try {
            head = readHead();
        } catch (IllegalArgumentException unreadable) {
            return unreadable.getMessage();
        }
        if (head == null) {
            return null;
        }
        AuditChainEntry entry = em.find(AuditChainEntry.class, head.seq());
        if (entry != null) {
            return entry.getEntryHash().equals(head.entryHash()) ? null
                    : "entry " + head.seq() + " is not the one exported at " + head.exportedAt() + ": the chain was rewritten";
        }
        byte[] key = checkpointKey();
        for (AuditCheckpoint checkpoint : em.createQuery("select c from AuditCheckpoint c where c.seq >= :seq", AuditCheckpoint.class)
                .setParameter("seq", head.seq()).getResultList()) {
            if (Checkpoint.of(checkpoint).verify(key, checkpoint.getSignature())) {
                return null; // purged by retention since
            }
        }
        return "entry " + head.seq() + ", exported at " + head.exportedAt() + ", is gone: the newest entries were deleted";
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
                // locked: a late outcome for an abandoned attempt waits, then finds it sealed (and is logged), instead of
                // being overwritten by this transaction's copy of the row
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
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
        String hash = HashChain.keyedEntryHash(chainKey(), seq, type, id, contentHash, prev);
        em.persist(new AuditChainEntry(seq, HashChain.CURRENT_VERSION, type, id, contentHash, prev, hash, now));
        return hash;
    }

    private byte[] chainKey() {
        return settings.pepper().deriveKey(HashChain.KEY_PURPOSE);
    }

    private byte[] headKey() {
        return settings.pepper().deriveKey(ChainHead.KEY_PURPOSE);
    }

    /** Where the newest head is exported: outside the database, so that a database writer cannot move it. */
    Path headFile() {
        return settings.dataDir().resolve(HEAD_FILE);
    }

    static final String HEAD_FILE = "audit-head.json";
    /** How long after keyed entries were sealed their head must have been exported (a few sealing ticks). */
    static final Duration HEAD_GRACE = Duration.ofMinutes(2);

    /**
     * Writes the newest chain entry, signed, to the data directory (atomically: a reader sees the old head or the new
     * one). A failure is logged and retried after the next sealing; it never stops sealing.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void exportHead() {
        List<AuditChainEntry> last = em.createQuery("select c from AuditChainEntry c order by c.seq desc", AuditChainEntry.class)
                .setMaxResults(1).getResultList();
        if (last.isEmpty()) {
            return;
        }
        AuditChainEntry entry = last.get(0);
        ChainHead head = ChainHead.of(entry.getSeq(), entry.getEntryHash(), entry.getSealedAt(), Instant.now());
        Path temp = null;
        try {
            Path file = headFile();
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), HEAD_FILE, ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(head.toJson(headKey()).getBytes(StandardCharsets.UTF_8)));
                out.force(true); // on disk before it replaces the old head
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the audit chain head could not be exported to " + headFile() + "; retried after the next sealing", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless; the next export writes a new one
                }
            }
        }
    }

    /** The exported head, when there is one; a forged or unreadable one is reported, never trusted. */
    private ChainHead readHead() {
        Path file = headFile();
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return ChainHead.parse(Files.readString(file), headKey());
        } catch (IOException e) {
            throw new IllegalArgumentException("the exported audit head cannot be read: " + e.getMessage(), e);
        }
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
     * hold, every entry must link to the previous one under its hash version, its event must still exist with the
     * content it had when sealed, and the head exported outside the database must still be in the chain. Reports the
     * first break: an edited or deleted event, an edited entry, a deleted run of entries, a chain rewritten without
     * the key, or deleted newest entries.
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
        ChainHead head;
        try {
            head = readHead();
        } catch (IllegalArgumentException forged) {
            return result(false, 0).add("brokenAt", Json.createObjectBuilder().add("head", headFile().toString())
                    .add("reason", forged.getMessage())).build();
        }
        JsonObject outcome = walk(expectedSeq, new ChainWalk(chainKey(), expectedSeq, prev, head));
        JsonObjectBuilder answer = Json.createObjectBuilder(outcome);
        if (outcome.getBoolean("ok") && head == null) {
            // keyed entries sealed a while ago but no head: the file was deleted, or this data directory is not the sealer's
            List<AuditChainEntry> newest = em.createQuery("select c from AuditChainEntry c where c.hashVersion >= 2 order by c.seq desc",
                    AuditChainEntry.class).setMaxResults(1).getResultList();
            if (!newest.isEmpty() && newest.get(0).getSealedAt().isBefore(Instant.now().minus(HEAD_GRACE))) {
                answer.add("ok", false).remove("head");
                answer.add("brokenAt", Json.createObjectBuilder().add("head", headFile().toString()).add("reason",
                        "the exported head is missing (deleted, or the data directory was lost or is not the sealer's): "
                                + "deleting the newest entries could not be detected"));
            }
        }
        if (haltedFor != null) {
            answer.add("sealing", "halted: " + haltedFor);
        }
        if (from != null) {
            answer.add("checkpoint", from);
        }
        return answer.build();
    }

    private JsonObject walk(long start, ChainWalk walk) {
        try (Stream<AuditChainEntry> entries = em.createQuery("select c from AuditChainEntry c where c.seq >= :start order by c.seq",
                        AuditChainEntry.class).setParameter("start", start)
                .setHint("org.hibernate.fetchSize", 500).setHint("org.hibernate.readOnly", true).getResultStream()) {
            long read = 0;
            for (AuditChainEntry entry : (Iterable<AuditChainEntry>) entries::iterator) {
                ChainWalk.Link link = new ChainWalk.Link(entry.getSeq(), entry.getHashVersion(), entry.getEventType(), entry.getEventId(),
                        entry.getContentHash(), entry.getPrevHash(), entry.getEntryHash(), entry.getSealedAt());
                if (!walk.accept(link, currentContentHash(entry.getEventType(), entry.getEventId()))) {
                    break;
                }
                if (++read % 500 == 0) {
                    em.clear();
                }
            }
        }
        ChainWalk.Outcome outcome = walk.finish();
        JsonObjectBuilder json = result(outcome.ok(), outcome.verified());
        if (outcome.brokenAt() != null) {
            ChainWalk.Break b = outcome.brokenAt();
            JsonObjectBuilder at = Json.createObjectBuilder().add("seq", b.seq()).add("reason", b.reason());
            if (b.eventType() != null) {
                at.add("eventType", b.eventType()).add("eventId", b.eventId());
            }
            if (b.sealedAt() != null) {
                at.add("sealedAt", b.sealedAt().toString());
            }
            json.add("brokenAt", at);
        } else {
            json.add("head", switch (outcome.head()) {
                case MATCHED -> "matched: the newest exported head is in the chain";
                case NONE_EXPORTED -> "none exported yet (" + headFile() + "): deleting the newest entries would go unnoticed";
                case BEFORE_RETENTION -> "the exported head was purged by retention since";
            });
        }
        return json.build();
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
