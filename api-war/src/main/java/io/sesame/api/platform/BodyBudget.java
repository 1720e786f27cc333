package io.sesame.api.platform;

import java.util.concurrent.Semaphore;

/**
 * Body bytes that requests in progress hold, bounded across all of them: each request takes bytes before it reads
 * them (all of its Content-Length at once when it declares one) and gives them back when it ends. A flood of large
 * uploads then meets 503 instead of exhausting the heap. Never blocks.
 */
public final class BodyBudget {

    private final Semaphore bytes;
    private final int capacity;

    public BodyBudget(long capacity) {
        this.capacity = (int) Math.min(Integer.MAX_VALUE, Math.max(1, capacity));
        this.bytes = new Semaphore(this.capacity);
    }

    /** Takes {@code n} bytes if free now. */
    public boolean tryTake(long n) {
        return n <= 0 || n <= capacity && bytes.tryAcquire((int) n);
    }

    public void giveBack(long n) {
        if (n > 0) {
            bytes.release((int) n);
        }
    }

    /** Bytes held by requests now (for metrics). */
    public long held() {
        return (long) capacity - bytes.availablePermits();
    }

    public long capacity() {
        return capacity;
    }
}
