package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sesame.approval.entity.ApprovalRequest;
import io.sesame.audit.entity.CallEvent;
import io.sesame.token.entity.ApiKey;
import io.sesame.user.entity.AdminUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An upgrade from the previous release with its data: a database at that release's schema version holding the
 * committed fixture ({@code upgrade/V15-release-data.sql}) is migrated to today's schema; every row is still there,
 * the new columns are empty, and Hibernate (validate, as Payara boots it) maps and reads the old rows. H2 always;
 * PostgreSQL when one answers on 127.0.0.1:5432 (as on the build machines).
 */
class UpgradeFromPreviousReleaseTest {

    static final String PREVIOUS_RELEASE = "15";
    static final String FIXTURE = "/upgrade/V15-release-data.sql";
    static final Map<String, Integer> ROWS = Map.of("application", 2, "api_key", 3, "access_policy", 4, "admin_user", 3,
            "approval_request", 2, "lifecycle_event", 3, "call_event", 2);

    @Test
    void h2_at_the_previous_release_with_data_migrates_to_today_and_keeps_every_row() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        upgrade(ds);
    }

    @Test
    void postgresql_at_the_previous_release_with_data_migrates_to_today_and_keeps_every_row() throws Exception {
        String schema = "sesame_upgrade_test";
        String admin = "jdbc:postgresql://127.0.0.1:5432/test";
        boolean reachable;
        try (Connection c = DriverManager.getConnection(admin + "?connectTimeout=2", "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
            s.execute("create schema " + schema);
            reachable = true;
        } catch (java.sql.SQLException e) {
            reachable = false;
        }
        assumeTrue(reachable, "no PostgreSQL on 127.0.0.1:5432");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(admin + "?currentSchema=" + schema);
        ds.setUser("postgres");
        try {
            upgrade(ds);
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static void upgrade(DataSource ds) throws Exception {
        Flyway.configure(SchemaMigration.class.getClassLoader()).dataSource(ds).locations(SchemaMigration.LOCATION)
                .target(PREVIOUS_RELEASE).load().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements(FIXTURE)) {
                s.execute(statement);
            }
        }

        var result = new SchemaMigration(ds).migrate();
        assertThat(result.migrationsExecuted).as("today's migrations beyond the previous release").isPositive();
        assertThat(new SchemaMigration(ds).outstanding()).isNull();

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (Map.Entry<String, Integer> table : ROWS.entrySet()) {
                try (ResultSet r = s.executeQuery("select count(*) from " + table.getKey())) {
                    r.next();
                    assertThat(r.getInt(1)).as("rows of " + table.getKey()).isEqualTo(table.getValue());
                }
            }
        }

        SchemaMigrationTest.validated(ds, factory -> {
            try (var session = factory.openSession()) {
                ApiKey rotated = session.find(ApiKey.class, "kfixtureold0000000000001");
                assertThat(rotated.getStatus().name()).isEqualTo("ROTATED_IN_GRACE");
                assertThat(rotated.getGraceUntil()).isNotNull();
                ApiKey current = session.find(ApiKey.class, "kfixturenew0000000000002");
                assertThat(current.getRotatedFrom()).isEqualTo("kfixtureold0000000000001");
                AdminUser second = session.find(AdminUser.class, "second");
                assertThat(second.getCreatedBy()).isEqualTo("portal:admin");
                assertThat(session.find(AdminUser.class, "admin").getCreatedBy()).as("the bootstrap's own account becomes a root")
                        .isEqualTo("system:bootstrap");
                assertThat(session.find(AdminUser.class, "olduser").getCreatedBy()).as("an account nobody knows the maker of fails closed")
                        .isEqualTo("legacy:unknown-maker");
                assertThat(session.find(ApiKey.class, "kfixtureboot000000000003").getCreatedBy())
                        .as("the bootstrap key is the bootstrap admin's (V17): four-eyes must not see two people")
                        .startsWith("portal:admin (bootstrap");
                List<ApprovalRequest> requests = session.createQuery("select r from ApprovalRequest r order by r.id", ApprovalRequest.class)
                        .getResultList();
                assertThat(requests).extracting(ApprovalRequest::getKind)
                        .containsExactly(ApprovalRequest.Kind.ISSUE_KEY, ApprovalRequest.Kind.CHANGE_POLICY);
                assertThat(requests).allSatisfy(r -> {
                    assertThat(r.getUsername()).as("a column added after the release, empty for old rows").isNull();
                    assertThat(r.getBasePolicyVersion()).as("unknown for old requests: approving them is not refused for it").isNull();
                    assertThat(r.getPolicyJson()).isNotBlank();
                });
                List<CallEvent> calls = session.createQuery("select e from CallEvent e order by e.id", CallEvent.class).getResultList();
                assertThat(calls).extracting(CallEvent::getDecision).containsExactly(CallEvent.Decision.ALLOWED, CallEvent.Decision.DENIED);
            }
        });
    }

    /** The fixture's statements: split on ';' at line ends, comment lines dropped. */
    private static List<String> statements(String resource) throws IOException {
        try (InputStream in = UpgradeFromPreviousReleaseTest.class.getResourceAsStream(resource)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.strip().startsWith("--"))
                    .reduce("", (a, b) -> a + "\n" + b);
            return java.util.Arrays.stream(sql.split(";\\s*\n")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s).toList();
        }
    }
}
