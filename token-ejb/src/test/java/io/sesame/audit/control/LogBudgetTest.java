package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogBudgetTest {

    @Test
    void one_line_per_interval_and_the_next_line_counts_what_was_suppressed() {
        LogBudget budget = new LogBudget(Duration.ofSeconds(60));
        List<Long> logged = new ArrayList<>();
        long t = 1_000_000_000L;
        assertThat(budget.tryLog(t, logged::add)).isTrue();
        for (int i = 1; i <= 500; i++) {
            assertThat(budget.tryLog(t + i * 100_000_000L, logged::add)).as("call %d within the minute", i).isFalse();
        }
        assertThat(budget.tryLog(t + 60_000_000_000L, logged::add)).isTrue();
        assertThat(logged).containsExactly(0L, 500L);
    }
}
