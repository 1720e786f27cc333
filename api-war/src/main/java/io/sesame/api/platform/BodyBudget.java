package io.sesame.api.platform;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Body bytes that requests in progress hold, bounded across all of them and per client: each request takes bytes before
 * it reads them (all of its Content-Length at once when it declares one) and gives them back when it ends. A flood of
 * large uploads then meets 503 instead of exhausting the heap, and one client (one address) can hold at most its share,
 * so it cannot starve the others with a few slow uploads. Never blocks.
 */
public final class BodyBudget {

    private final Semaphore bytes;
    private final int capacity;
    private final long perClient;
    /** Bytes held per client address; an entry exists only while that client holds bytes (bounded by requests in flight). */
    private final ConcurrentHashMap<String, AtomicLong> byClient = new ConcurrentHashMap<>();

    public BodyBudget(long capacity) {
        this(capacity, capacity);
    }

    /** @param perClient what one client address may hold at once (at least the largest body it may send) */
    public BodyBudget(long capacity, long perClient) {
        this.capacity = (int) Math.min(Integer.MAX_VALUE, Math.max(1, capacity));
        this.perClient = Math.max(1, perClient);
        this.bytes = new Semaphore(this.capacity);
    }

    /** Takes {@code n} bytes for {@code client} if both its share and the whole budget have them free now. */
    public boolean tryTake(String client, long n) {
        if (n <= 0) {
            return true;
        }
        if (n > capacity) {
            return false;
        }
        boolean[] granted = {false};
        byClient.compute(client, (k, held) -> {
            long now = held == null ? 0 : held.get();
            if (now + n <= perClient && bytes.tryAcquire((int) n)) {
                granted[0] = true;
                AtomicLong next = held == null ? new AtomicLong() : held;
                next.addAndGet(n);
                return next;
            }
            return held;
        });
        return granted[0];
    }

    public void giveBack(String client, long n) {
        if (n <= 0) {
            return;
        }
        bytes.release((int) n);
        byClient.computeIfPresent(client, (k, held) -> held.addAndGet(-n) <= 0 ? null : held);
    }

    /** Bytes held by requests now (for metrics). */
    public long held() {
        return (long) capacity - bytes.availablePermits();
    }

    /** Bytes one client holds now. */
    public long heldBy(String client) {
        AtomicLong held = byClient.get(client);
        return held == null ? 0 : held.get();
    }

    /** Client addresses holding bytes now. */
    public int clients() {
        return byClient.size();
    }

    public long capacity() {
        return capacity;
    }
}
