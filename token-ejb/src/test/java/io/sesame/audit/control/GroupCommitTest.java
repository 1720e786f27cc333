package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void concurrent_writes_share_commits_and_each_returns_only_once_committed() throws Exception {
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        try (GroupCommit<Integer> commits = new GroupCommit<>(batch -> {
            firstCommitHeld.await(5, TimeUnit.SECONDS); // a slow first commit lets the others queue up
            batchSizes.add(batch.size());
            committed.addAll(batch);
        }, 100, Thread::new)) {
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<Boolean>> writers = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int value = i;
                    writers.add(pool.submit(() -> {
                        commits.write(value, Duration.ofSeconds(10));
                        return committed.contains(value);
                    }));
                }
                Thread.sleep(200);
                // The first commit is held: no writer may have returned yet (a writer that returned early fails here).
                assertThat(writers).as("nothing acknowledged before its commit").noneMatch(Future::isDone);
                firstCommitHeld.countDown();
                for (Future<Boolean> writer : writers) {
                    assertThat(writer.get(10, TimeUnit.SECONDS)).as("committed when acknowledged").isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(committed).hasSize(20).doesNotHaveDuplicates();
            assertThat(batchSizes.size()).as("fewer commits than writes: %s", batchSizes).isLessThan(20);
            assertThat(commits.writes()).isEqualTo(20);
            assertThat(commits.batches()).isEqualTo(batchSizes.size());
        }
    }

    @Test
    void a_failed_commit_fails_every_write_of_its_batch_and_the_next_batch_goes_on() {
        boolean[] failNext = {true};
        try (GroupCommit<String> commits = new GroupCommit<>(batch -> {
            if (failNext[0]) {
                failNext[0] = false;
                throw new java.sql.SQLException("database down");
            }
        }, 10, Thread::new)) {
            assertThatThrownBy(() -> commits.write("a", Duration.ofSeconds(5)))
                    .isInstanceOf(GroupCommit.NotCommitted.class).hasMessageContaining("database down");
            commits.write("b", Duration.ofSeconds(5));
            assertThat(commits.writes()).isEqualTo(1);
        }
    }

    @Test
    void a_write_not_committed_in_time_is_reported_and_a_closed_writer_refuses() {
        CountDownLatch never = new CountDownLatch(1);
        GroupCommit<String> commits = new GroupCommit<>(batch -> never.await(2, TimeUnit.SECONDS), 10, Thread::new);
        assertThatThrownBy(() -> commits.write("slow", Duration.ofMillis(100)))
                .as("the writer had already taken it: the caller is not told it will not be written")
                .isInstanceOf(GroupCommit.NotCommitted.class).hasMessageContaining("outcome is unknown");
        commits.close();
        assertThatThrownBy(() -> commits.write("late", Duration.ofSeconds(1)))
                .isInstanceOf(GroupCommit.NotCommitted.class).hasMessageContaining("stopped");
    }

    @Test
    void a_write_the_store_refuses_fails_only_itself_even_when_it_shares_a_batch() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        try (GroupCommit<String> commits = new GroupCommit<>(batch -> {
            firstCommitHeld.await(5, TimeUnit.SECONDS);
            if (batch.contains("poison")) {
                throw new java.sql.SQLException("value too long for type character varying(320)");
            }
            committed.addAll(batch);
        }, 100, Thread::new)) {
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Future<?>> good = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String value = "good-" + i;
                    good.add(pool.submit(() -> commits.write(value, Duration.ofSeconds(10))));
                }
                Future<?> poisoned = pool.submit(() -> commits.write("poison", Duration.ofSeconds(10)));
                Thread.sleep(200); // everything queued behind the held first commit: the poison shares a batch
                firstCommitHeld.countDown();
                for (Future<?> f : good) {
                    f.get(10, TimeUnit.SECONDS); // throws if a good write was failed
                }
                assertThatThrownBy(() -> poisoned.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(GroupCommit.NotCommitted.class).hasMessageContaining("varying(320)");
            } finally {
                pool.shutdownNow();
            }
            assertThat(committed).hasSize(10).doesNotContain("poison").doesNotHaveDuplicates();
            assertThat(commits.isolatedRetries()).as("the poisoned batch was retried write by write").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void an_outage_fails_the_whole_batch_at_once_and_a_write_given_up_on_is_never_committed_later() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch held = new CountDownLatch(1);
        boolean[] down = {true};
        GroupCommit.Store<String> store = new GroupCommit.Store<>() {
            @Override
            public void commit(List<String> batch) throws Exception {
                held.await(5, TimeUnit.SECONDS);
                if (down[0]) {
                    throw new java.sql.SQLException("connection refused", "08001");
                }
                committed.addAll(batch);
            }

            @Override
            public boolean mayBeOneWritesFault(Exception failure) {
                return false;
            }
        };
        try (GroupCommit<String> commits = new GroupCommit<>(store, 100, Thread::new)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String value = "w" + i;
                    writes.add(pool.submit(() -> commits.write(value, Duration.ofSeconds(10))));
                }
                Thread.sleep(200);
                held.countDown();
                for (Future<?> f : writes) {
                    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasMessageContaining("connection refused");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(commits.isolatedRetries()).as("no write-by-write retry during an outage").isZero();
        }
        CountDownLatch slow = new CountDownLatch(1);
        try (GroupCommit<String> commits = new GroupCommit<>(batch -> {
            if (batch.contains("first")) {
                slow.await(5, TimeUnit.SECONDS);
            }
            committed.addAll(batch);
        }, 1, Thread::new)) {
            Thread first = new Thread(() -> commits.write("first", Duration.ofSeconds(10)));
            first.start();
            Thread.sleep(100);
            assertThatThrownBy(() -> commits.write("late", Duration.ofMillis(100))).hasMessageContaining("will not be");
            slow.countDown();
            first.join(5_000);
            commits.write("after", Duration.ofSeconds(5));
            assertThat(committed).containsExactly("first", "after").doesNotContain("late");
        }
    }
}
