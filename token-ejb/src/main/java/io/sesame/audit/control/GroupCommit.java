package io.sesame.audit.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit: request threads hand in writes and wait; one writer thread takes whatever has queued up and commits
 * it in one transaction, then releases every waiter. A write is acknowledged only once it is committed, so durability
 * is that of one commit per write; but under load N concurrent writes cost one commit (and one transaction's
 * overhead) instead of N. Nothing waits artificially: a lone write is committed at once.
 *
 * <p>Isolation: a batch the store refuses is retried write by write, so a write the database rejects (one caller's bad
 * row) fails only its own waiter, never the other callers whose writes happened to share its batch.
 *
 * @param <W> a write; the store may fill in results (generated ids) before its batch commits
 */
public final class GroupCommit<W> implements AutoCloseable {

    /** Writes a batch and commits it, or throws having committed none of it. */
    @FunctionalInterface
    public interface Store<W> {
        void commit(List<W> batch) throws Exception;

        /**
         * Whether the failure may be one write's fault (a value the database refuses), so that retrying the batch write
         * by write isolates it; false for an outage (connection lost), where every write would fail again, slowly.
         */
        default boolean mayBeOneWritesFault(Exception failure) {
            return true;
        }
    }

    /** The write could not be committed (the store failed, the writer stopped, or it took too long). */
    public static final class NotCommitted extends RuntimeException {
        NotCommitted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A write and its outcome. {@code state} settles who decides: the writer claims a write before committing it, a
     * caller whose wait ran out abandons it — whichever comes first; once claimed, the caller waits for the real outcome.
     */
    private record Pending<W>(W write, CompletableFuture<Void> committed, java.util.concurrent.atomic.AtomicInteger state) {
        static final int QUEUED = 0;
        static final int CLAIMED = 1;
        static final int ABANDONED = 2;

        boolean claim() {
            return state.compareAndSet(QUEUED, CLAIMED);
        }

        boolean abandon() {
            return state.compareAndSet(QUEUED, ABANDONED);
        }
    }

    private final BlockingQueue<Pending<W>> queue = new LinkedBlockingQueue<>();
    private final Store<W> store;
    private final int maxBatch;
    private final Thread writer;
    private volatile boolean open = true;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong isolatedRetries = new AtomicLong();

    public GroupCommit(Store<W> store, int maxBatch, ThreadFactory threads) {
        this.store = store;
        this.maxBatch = maxBatch;
        this.writer = threads.newThread(this::run);
        writer.setName("sesame-audit-writer");
        writer.start();
    }

    /** Blocks until the write is committed; throws {@link NotCommitted} when it is not (then it may or may not be). */
    public void write(W write, Duration timeout) {
        if (!open) {
            throw new NotCommitted("the audit writer is stopped", null);
        }
        Pending<W> pending = new Pending<>(write, new CompletableFuture<>(), new java.util.concurrent.atomic.AtomicInteger());
        queue.add(pending);
        try {
            pending.committed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new NotCommitted("the audit write failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            if (pending.abandon()) {
                throw new NotCommitted("the audit write was not committed within " + timeout + " (and will not be)", e);
            }
            awaitClaimed(pending, timeout); // the writer has it: its outcome, not a guess, decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotCommitted("interrupted while waiting for the audit write", e);
        }
    }

    /** The outcome of a write the writer already claimed; if even that does not come in time, it is unknown. */
    private static <W> void awaitClaimed(Pending<W> pending, Duration timeout) {
        try {
            pending.committed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new NotCommitted("the audit write failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new NotCommitted("the audit write's outcome is unknown after " + timeout.multipliedBy(2)
                    + " (it may be committed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotCommitted("interrupted while waiting for the audit write", e);
        }
    }

    private void run() {
        List<Pending<W>> batch = new ArrayList<>(maxBatch);
        List<W> writesOfBatch = new ArrayList<>(maxBatch);
        while (open || !queue.isEmpty()) {
            try {
                Pending<W> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                batch.removeIf(p -> !p.claim()); // its caller gave up first and was told it is not written
                if (batch.isEmpty()) {
                    continue;
                }
                for (Pending<W> p : batch) {
                    writesOfBatch.add(p.write());
                }
                try {
                    store.commit(writesOfBatch);
                    batches.incrementAndGet();
                    writes.addAndGet(batch.size());
                    batch.forEach(p -> p.committed().complete(null));
                } catch (Exception e) {
                    if (batch.size() > 1 && store.mayBeOneWritesFault(e)) {
                        commitOneByOne(batch);
                    } else {
                        batch.forEach(p -> p.committed().completeExceptionally(e));
                    }
                } catch (Error e) {
                    batch.forEach(p -> p.committed().completeExceptionally(e));
                }
            } catch (InterruptedException e) {
                // close() interrupts a waiting poll; the loop drains what is left, then ends
            } finally {
                batch.clear();
                writesOfBatch.clear();
            }
        }
    }

    /** After a failed batch: each write in a commit of its own, so only the writes the store refuses fail. */
    private void commitOneByOne(List<Pending<W>> batch) {
        isolatedRetries.incrementAndGet();
        for (Pending<W> p : batch) {
            try {
                store.commit(List.of(p.write()));
                batches.incrementAndGet();
                writes.incrementAndGet();
                p.committed().complete(null);
            } catch (Exception | Error e) {
                p.committed().completeExceptionally(e);
            }
        }
    }

    /** Batches that failed and were retried write by write (each such retry isolated at least one bad write or outage). */
    public long isolatedRetries() {
        return isolatedRetries.get();
    }

    /** Commits batches so far (for metrics and benchmarks: writes / batches is the average batch size). */
    public long batches() {
        return batches.get();
    }

    public long writes() {
        return writes.get();
    }

    /** Stops taking writes, commits what is queued, and waits for the writer (at most 10 s). */
    @Override
    public void close() {
        open = false;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<W> left;
        while ((left = queue.poll()) != null) {
            left.committed().completeExceptionally(new IllegalStateException("the audit writer stopped"));
        }
    }
}
