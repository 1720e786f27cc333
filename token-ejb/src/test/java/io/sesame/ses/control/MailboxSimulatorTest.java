package io.sesame.ses.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxSimulatorTest {

    @Test
    void simulator_addresses_have_their_ses_outcomes() {
        assertThat(MailboxSimulator.outcome(List.of("success@simulator.amazonses.com"))).isEqualTo("delivered");
        assertThat(MailboxSimulator.outcome(List.of("bounce+label@simulator.amazonses.com"))).isEqualTo("bounce");
        assertThat(MailboxSimulator.outcome(List.of("x@example.com", "complaint@simulator.amazonses.com"))).isEqualTo("complaint");
        assertThat(MailboxSimulator.outcome(List.of("suppressionlist@simulator.amazonses.com"))).isEqualTo("suppressed");
        assertThat(MailboxSimulator.outcome(List.of("ooto@simulator.amazonses.com"))).isEqualTo("ooto");
        assertThat(MailboxSimulator.outcome(List.of("someone@example.com"))).isEqualTo("stored");
    }
}
