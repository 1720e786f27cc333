package io.sesame.api.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

    /** A body of {@code n} bytes that never says how long it is (as a chunked upload). */
    static ServletInputStream body(long n) {
        InputStream in = new InputStream() {
            long left = n;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                left -= k;
                return k;
            }
        };
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }

            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }
        };
    }

    @Test
    void a_body_of_exactly_the_limit_passes_and_one_byte_more_is_refused_as_413() throws IOException {
        BodyBudget budget = new BodyBudget(10_000_000);
        LimitedInputStream exact = new LimitedInputStream(body(100_000), 100_000, budget, "10.0.0.1", -1);
        assertThat(exact.readAllBytes()).hasSize(100_000);
        LimitedInputStream over = new LimitedInputStream(body(100_001), 100_000, budget, "10.0.0.1", -1);
        assertThatThrownBy(over::readAllBytes).isInstanceOf(BodyRefused.class)
                .satisfies(e -> assertThat(((BodyRefused) e).status()).isEqualTo(413));
        assertThat(over.refusal()).isNotNull();
        assertThatThrownBy(over::read).as("stays refused").isInstanceOf(BodyRefused.class);
    }

    @Test
    void an_endless_chunked_body_stops_at_the_limit_not_at_its_end() {
        LimitedInputStream endless = new LimitedInputStream(body(Long.MAX_VALUE), 1024 * 1024, new BodyBudget(64L << 20), "10.0.0.1", -1);
        byte[] buffer = new byte[8192];
        long read = 0;
        try {
            for (int n; (n = endless.read(buffer, 0, buffer.length)) > 0; ) {
                read += n;
            }
        } catch (IOException e) {
            assertThat(e).isInstanceOf(BodyRefused.class);
        }
        assertThat(read).isLessThanOrEqualTo(1024 * 1024 + 1);
        assertThat(endless.paid()).as("never paid for more than the limit and a byte").isLessThanOrEqualTo(1024 * 1024 + 1);
    }

    @Test
    void bodies_in_flight_together_never_hold_more_than_the_budget_and_give_it_back() throws IOException {
        BodyBudget budget = new BodyBudget(1024 * 1024);
        LimitedInputStream first = new LimitedInputStream(body(800_000), 10_000_000, budget, "10.0.0.1", -1);
        assertThat(first.readAllBytes()).hasSize(800_000);
        assertThat(budget.held()).isGreaterThanOrEqualTo(800_000).isLessThanOrEqualTo(1024 * 1024);
        LimitedInputStream second = new LimitedInputStream(body(800_000), 10_000_000, budget, "10.0.0.1", -1);
        assertThatThrownBy(second::readAllBytes).isInstanceOf(BodyRefused.class)
                .satisfies(e -> assertThat(((BodyRefused) e).status()).isEqualTo(503));
        budget.giveBack("10.0.0.1", first.paid());
        budget.giveBack("10.0.0.1", second.paid());
        assertThat(budget.held()).isZero();
        assertThat(new LimitedInputStream(body(800_000), 10_000_000, budget, "10.0.0.1", -1).readAllBytes()).hasSize(800_000);
    }

    @Test
    void a_declared_length_is_paid_up_front_and_not_twice() throws IOException {
        BodyBudget budget = new BodyBudget(1_000_000);
        assertThat(budget.tryTake("10.0.0.1", 600_000)).isTrue();
        LimitedInputStream declared = new LimitedInputStream(body(600_000), 1_000_000, budget, "10.0.0.1", 600_000);
        assertThat(declared.readAllBytes()).hasSize(600_000);
        assertThat(declared.paid()).as("nothing paid past the declared length").isEqualTo(600_000);
        assertThat(budget.tryTake("10.0.0.2", 2_000_000)).as("more than the whole budget is never granted").isFalse();
    }

    @Test
    void each_endpoint_has_its_limit() {
        BodyLimits limits = BodyLimits.forMessagesOf(10 * 1024 * 1024, 64L << 20);
        assertThat(limits.forPath("/v1/oauth/token")).isEqualTo(16 * 1024);
        assertThat(limits.forPath("/v1/oauth/introspect")).isEqualTo(16 * 1024);
        assertThat(limits.forPath("/v1/oauth/revoke")).isEqualTo(16 * 1024);
        assertThat(limits.forPath("/v1/ses/notifications")).isEqualTo(512 * 1024);
        long send = limits.forPath("/v1/emails");
        assertThat(send).isGreaterThan(10L * 1024 * 1024 * 4 / 3).isLessThan(15L * 1024 * 1024);
        assertThat(limits.forPath("/v1/emails/bulk")).isEqualTo(send);
        assertThat(limits.forPath("/ses/v2/email/outbound-emails")).isEqualTo(send);
        assertThat(limits.forPath("/v1/admin/applications")).isEqualTo(1024 * 1024);
    }

    @Test
    void one_client_cannot_hold_more_than_its_share_and_others_still_get_theirs() throws IOException {
        BodyBudget budget = new BodyBudget(4_000_000, 1_000_000);
        LimitedInputStream hog = new LimitedInputStream(body(3_000_000), 10_000_000, budget, "10.6.6.6", -1);
        assertThatThrownBy(hog::readAllBytes).isInstanceOf(BodyRefused.class)
                .satisfies(e -> assertThat(((BodyRefused) e).status()).isEqualTo(503));
        assertThat(budget.heldBy("10.6.6.6")).isLessThanOrEqualTo(1_000_000);
        assertThat(budget.tryTake("10.6.6.6", 100_000)).as("its share is spent").isFalse();
        LimitedInputStream other = new LimitedInputStream(body(900_000), 10_000_000, budget, "10.0.0.9", -1);
        assertThat(other.readAllBytes()).as("another client is not starved").hasSize(900_000);
        budget.giveBack("10.6.6.6", hog.paid());
        budget.giveBack("10.0.0.9", other.paid());
        assertThat(budget.held()).isZero();
        assertThat(budget.clients()).as("no entry stays for a client holding nothing").isZero();
    }
}
