package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreUnavailableTest {

    @Test
    void a_database_that_cannot_be_reached_is_told_from_other_failures() {
        assertThat(StoreUnavailable.is(new RuntimeException("wrapped", new SQLException("refused", "08001")))).isTrue();
        assertThat(StoreUnavailable.is(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(StoreUnavailable.is(new IllegalStateException(new SQLTransientConnectionException("pool exhausted")))).isTrue();
        assertThat(StoreUnavailable.is(new RuntimeException("Unable to acquire JDBC Connection [Error in allocating a connection]")))
                .isTrue();
        assertThat(StoreUnavailable.is(new IllegalStateException(new javax.transaction.xa.XAException(
                "jakarta.resource.spi.LocalTransactionException: An I/O error occurred while sending to the backend."))))
                .as("as Payara's transaction manager reports a connection that died").isTrue();
        assertThat(StoreUnavailable.is(new RuntimeException(new jakarta.resource.spi.ResourceAllocationException("pool")))).isTrue();
        assertThat(StoreUnavailable.is(new SQLException("duplicate key", "23505"))).as("a row's fault").isFalse();
        assertThat(StoreUnavailable.is(new NullPointerException())).isFalse();
        assertThat(StoreUnavailable.is(null)).isFalse();
    }
}
