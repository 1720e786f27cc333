package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeasesTest {

    private final Instant now = Instant.parse("2026-11-28T12:00:00Z");

    private static Connection database(String name) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists job_lease (name varchar(60) not null primary key, holder varchar(120) not null, "
                    + "lease_until timestamp(6) with time zone not null)");
        }
        return c;
    }

    @Test
    void one_holder_at_a_time_until_the_lease_runs_out() throws Exception {
        try (Connection c = database("leases1")) {
            Duration ttl = Duration.ofMinutes(5);
            assertThat(Leases.tryAcquire(c, "hygiene", "A", now, ttl)).isTrue();
            assertThat(Leases.tryAcquire(c, "hygiene", "B", now.plusSeconds(10), ttl)).as("A holds it").isFalse();
            assertThat(Leases.tryAcquire(c, "hygiene", "A", now.plusSeconds(60), ttl)).as("the holder renews").isTrue();
            assertThat(Leases.tryAcquire(c, "retention", "B", now, ttl)).as("another job").isTrue();
            assertThat(Leases.tryAcquire(c, "hygiene", "B", now.plusSeconds(60 + 299), ttl)).isFalse();
            assertThat(Leases.tryAcquire(c, "hygiene", "B", now.plusSeconds(60 + 301), ttl)).as("A died: B takes over").isTrue();
            assertThat(Leases.tryAcquire(c, "hygiene", "A", now.plusSeconds(400), ttl)).isFalse();
        }
    }

    @Test
    void of_many_concurrent_instances_exactly_one_gets_a_new_job() throws Exception {
        database("leases2").close();
        AtomicInteger winners = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Void>> instances = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String holder = "instance-" + i;
            instances.add(() -> {
                try (Connection c = DriverManager.getConnection("jdbc:h2:mem:leases2;DB_CLOSE_DELAY=-1")) {
                    if (Leases.tryAcquire(c, "rotation", holder, now, Duration.ofMinutes(1))) {
                        winners.incrementAndGet();
                    }
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(instances)) {
            f.get();
        }
        pool.shutdown();
        assertThat(winners.get()).isEqualTo(1);
    }
}
