package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault suite: the real EAR on Payara Server (failsafe executions it-faults-h2 and it-faults-postgres), its SES,
 * STS and — on PostgreSQL — database connections each behind a {@link FaultProxy}, under steady load while one
 * dependency misbehaves at a time. Every scenario must end with 0 double sends, 0 lost audit rows, no answer that is
 * not a clear, documented refusal, and Sesame serving again by itself within seconds of the fault ending. The figures
 * go to target/faults/ and BENCHMARKS.md.
 */
@ExtendWith({FreshDatabase.class, SesEmulator.class, FaultLab.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    /** Longest acceptable time from the end of a fault to the first successful request after it. */
    static final double RECOVERY_BOUND_SECONDS = 15;

    private static final List<FaultLoad.Tally> TALLIES = new CopyOnWriteArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive sesame() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sesame.ear")));
    }

    private static FaultLab.Lab lab() {
        return FaultLab.lab();
    }

    /** Runs the scenario, keeps its figures and asserts the guarantees every scenario shares. */
    private static FaultLoad.Tally guaranteed(FaultLoad load) throws Exception {
        FaultLoad.Tally tally = load.run();
        TALLIES.add(tally);
        System.out.println("fault " + tally.line());
        assertThat(tally.problems()).as(tally.line()).isEmpty();
        assertThat(tally.doubleSends()).as("double sends").isZero();
        assertThat(tally.lostAuditRows()).as("lost audit rows").isZero();
        assertThat(tally.unexplained5xx()).as("unexplained 5xx").isZero();
        assertThat(tally.recoverySeconds()).as("recovery after the fault ended").isLessThanOrEqualTo(RECOVERY_BOUND_SECONDS);
        assertThat(tally.byStatus()).as("served before and after the fault").containsKey(200);
        return tally;
    }

    @Test
    @Order(1)
    void ses_throttling_is_answered_429_and_retried_only_where_nothing_was_sent() throws Exception {
        int before = lab().ses().answered();
        FaultLoad.Tally tally = guaranteed(FaultLoad.scenario("ses-throttled")
                .explained("ses_throttled", "ses_outcome_unknown")
                .fault(() -> lab().ses().answer(429, "TooManyRequestsException", "{\"message\":\"Maximum sending rate exceeded.\"}"),
                        Duration.ofSeconds(5), () -> lab().ses().pass()));
        int throttled = tally.firstAnswers().getOrDefault(429, 0);
        assertThat(throttled).as("the fault took effect").isPositive();
        int attempts = lab().ses().answered() - before;
        assertThat(attempts).as("throttling (SES sent nothing) is retried: 3 attempts per 429 answered")
                .isBetween(2 * throttled, 3 * throttled + 2 * FaultLoad.WORKERS);
    }

    @Test
    @Order(2)
    void ses_server_errors_are_not_retried_and_answered_504_outcome_unknown() throws Exception {
        int before = lab().ses().answered();
        FaultLoad.Tally tally = guaranteed(FaultLoad.scenario("ses-5xx")
                .explained("ses_outcome_unknown")
                .unknownOutcomes(Long.MAX_VALUE)
                .fault(() -> lab().ses().answer(500, "InternalFailure", "{\"message\":\"An internal failure occurred.\"}"),
                        Duration.ofSeconds(5), () -> lab().ses().pass()));
        int unknown = tally.firstAnswers().getOrDefault(504, 0);
        assertThat(unknown).as("the fault took effect: SES may have sent it").isPositive();
        assertThat(lab().ses().answered() - before).as("one attempt per request: SES may act before it fails")
                .isLessThanOrEqualTo(unknown + FaultLoad.WORKERS);
    }

    @Test
    @Order(3)
    void ses_taking_requests_and_hanging_is_answered_504_outcome_unknown_and_never_sent_twice() throws Exception {
        FaultLoad.Tally tally = guaranteed(FaultLoad.scenario("ses-hangs")
                .explained("ses_outcome_unknown")
                .unknownOutcomes(Long.MAX_VALUE)
                .fault(() -> lab().ses().swallowAnswers(), Duration.ofSeconds(7), () -> lab().ses().pass()));
        assertThat(tally.byStatus()).as("the fault took effect: SES took the requests, Sesame's call timeout ended them").containsKey(504);
    }

    @Test
    @Order(4)
    void ses_unreachable_is_answered_502_at_once() throws Exception {
        FaultLoad.Tally tally = guaranteed(FaultLoad.scenario("ses-unreachable")
                .explained("ses_unavailable", "ses_outcome_unknown")
                .fault(() -> lab().ses().refuse(), Duration.ofSeconds(5), () -> lab().ses().pass()));
        assertThat(tally.byStatus()).as("the fault took effect").containsKey(502);
    }

    @Test
    @Order(5)
    void sts_down_fails_vending_with_502_and_leaves_sending_alone() throws Exception {
        FaultLoad.Tally tally = guaranteed(FaultLoad.scenario("sts-down")
                .vending()
                .explained("sts_unavailable")
                .fault(() -> lab().sts().refuse(), Duration.ofSeconds(5), () -> lab().sts().pass()));
        assertThat(tally.byStatus()).as("the fault took effect").containsKey(502);
    }

    @Test
    @Order(6)
    void the_database_down_for_10_seconds_refuses_with_503_and_sesame_comes_back_by_itself() throws Exception {
        assumeTrue(ItEnvironment.isPostgres(), "embedded H2 cannot go away on its own; the PostgreSQL run covers it");
        FaultLoad.Tally tally = guaranteed(FaultLoad.scenario("database-down")
                .explained("unavailable", "database_unavailable")
                .fault(() -> lab().database().refuse(), Duration.ofSeconds(10), () -> lab().database().pass()));
        assertThat(tally.byStatus()).as("the fault took effect").containsKey(503);
    }

    @AfterAll
    static void report() throws Exception {
        if (TALLIES.isEmpty()) {
            return;
        }
        int requests = TALLIES.stream().mapToInt(FaultLoad.Tally::requests).sum();
        double recovery = TALLIES.stream().mapToDouble(FaultLoad.Tally::recoverySeconds).max().orElse(0);
        List<String> lines = new ArrayList<>();
        TALLIES.forEach(t -> lines.add(t.line()));
        lines.add(String.format(Locale.ROOT, "faults (EAR on %s): %d scenarios, %d requests, %d double sends, %d lost audit rows, "
                        + "%d unexplained 5xx, recovery ≤ %.1f s", ItEnvironment.database(), TALLIES.size(), requests,
                TALLIES.stream().mapToInt(FaultLoad.Tally::doubleSends).sum(), TALLIES.stream().mapToInt(FaultLoad.Tally::lostAuditRows).sum(),
                TALLIES.stream().mapToInt(FaultLoad.Tally::unexplained5xx).sum(), recovery));
        Path out = Path.of("target", "faults", ItEnvironment.database() + ".txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }
}
