package io.sesame.api.platform;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * A request body that cannot be read past its limit, whatever Content-Length said (chunked bodies declare none), and
 * whose bytes are paid for from the {@link BodyBudget} before they are read. Not thread-safe, like any request stream.
 */
public final class LimitedInputStream extends ServletInputStream {

    /** Bytes taken from the budget in steps of this size, not per read() call. */
    static final int STEP = 64 * 1024;

    private final ServletInputStream in;
    private final long limit;
    private final BodyBudget budget;
    private final String client;
    /** The declared Content-Length, or -1: bytes past it never come, so they are never paid for. */
    private final long declared;
    private long read;
    private long paid;
    private BodyRefused refused;

    /**
     * @param client   whose share of the budget the bytes come from (the client address)
     * @param declared the body's Content-Length, already taken from the budget by the caller; -1 when not declared
     */
    public LimitedInputStream(ServletInputStream in, long limit, BodyBudget budget, String client, long declared) {
        this.in = in;
        this.limit = limit;
        this.budget = budget;
        this.client = client;
        this.declared = declared;
        this.paid = Math.max(0, declared);
    }

    /** Bytes this stream took from the budget; the owner gives them back when the request ends. */
    public long paid() {
        return paid;
    }

    /** Why reading stopped, if it was refused. */
    public BodyRefused refusal() {
        return refused;
    }

    @Override
    public int read() throws IOException {
        if (declared >= 0 && read >= declared) {
            return -1;
        }
        ensureAllowed(1);
        int b = in.read();
        if (b >= 0) {
            read++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        // One byte past the limit is allowed into view so that a body of exactly the limit passes and one byte more fails.
        long left = declared >= 0 ? declared - read : limit - read + 1;
        if (left <= 0) {
            return -1;
        }
        int wanted = (int) Math.min(length, left);
        ensureAllowed(wanted);
        int n = in.read(buffer, offset, wanted);
        if (n > 0) {
            read += n;
            if (read > limit) {
                throw refuse(BodyRefused.tooLarge(limit));
            }
        }
        return n;
    }

    private void ensureAllowed(int next) throws IOException {
        if (refused != null) {
            throw refused;
        }
        if (read >= limit + 1) {
            throw refuse(BodyRefused.tooLarge(limit));
        }
        long needed = read + next - paid;
        if (needed > 0) {
            long step = Math.max(needed, Math.min(STEP, (declared >= 0 ? declared : limit + 1) - paid));
            if (!budget.tryTake(client, step)) {
                throw refuse(BodyRefused.busy());
            }
            paid += step;
        }
    }

    private BodyRefused refuse(BodyRefused refusal) {
        refused = refusal;
        return refusal;
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
