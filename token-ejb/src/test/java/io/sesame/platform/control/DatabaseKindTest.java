package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseKindTest {

    @Test
    void recognises_h2_and_postgresql() {
        assertThat(DatabaseKind.of("jdbc:h2:file:/tmp/x")).isEqualTo(DatabaseKind.H2);
        assertThat(DatabaseKind.of("jdbc:postgresql://127.0.0.1:5432/test")).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(DatabaseKind.of("jdbc:mysql://x/y")).isEqualTo(DatabaseKind.UNSUPPORTED);
        assertThat(DatabaseKind.of(null)).isEqualTo(DatabaseKind.UNSUPPORTED);
    }

    @Test
    void redaction_drops_parameters_that_may_hold_passwords() {
        assertThat(DatabaseKind.redact("jdbc:postgresql://db:5432/sesame?user=u&password=secret"))
                .isEqualTo("jdbc:postgresql://db:5432/sesame…");
        assertThat(DatabaseKind.redact("jdbc:h2:file:/data/sesame;PASSWORD=secret")).isEqualTo("jdbc:h2:file:/data/sesame…");
        assertThat(DatabaseKind.redact(null)).isEqualTo("(not set)");
    }

    @Test
    void routed_data_source_refuses_an_unsupported_url_with_a_clear_message() {
        UrlRoutedDataSource ds = new UrlRoutedDataSource();
        ds.setUrl("jdbc:mysql://db/sesame?password=secret");
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class)
                .hasMessageContaining("supports jdbc:h2: and jdbc:postgresql:")
                .hasMessageNotContaining("secret");
    }
}
