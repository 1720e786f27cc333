package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box tests of the real EAR on Payara Server, once per database (the failsafe executions it-h2 and
 * it-postgres). One deployment per run: keep adding scenarios here rather than new deploying classes.
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
class SesameIT {

    @Deployment(testable = false)
    static EnterpriseArchive sesame() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sesame.ear")));
    }

    @Test
    void readiness_is_up_once_database_answers_and_schema_is_migrated() throws Exception {
        HttpResponse<String> response = Http.get("/health/ready");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject health = Http.json(response);
        assertThat(health.getString("status")).isEqualTo("UP");
        JsonObject sesame = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("sesame")).findFirst().orElseThrow();
        assertThat(sesame.getJsonObject("data").getString("database"))
                .isEqualTo(ItEnvironment.isPostgres() ? "postgresql" : "h2");
    }

    @Test
    void unknown_paths_answer_problem_json_not_html() throws Exception {
        for (String path : new String[] {"/api/v1/no-such-thing", "/api/no-such-thing"}) {
            HttpResponse<String> response = Http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            JsonObject problem = Http.json(response);
            assertThat(problem.getString("type")).isEqualTo("about:blank");
            assertThat(problem.getString("title")).isEqualTo("Not Found");
            assertThat(problem.getInt("status")).isEqualTo(404);
            assertThat(problem.getString("detail")).contains(path);
            assertThat(problem.getString("requestId")).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("<html");
        }
    }

    @Test
    void wrong_method_answers_405_problem() throws Exception {
        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/v1"))
                .DELETE());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Http.json(response).getString("detail")).contains("DELETE");
    }

    @Test
    void api_index_links_to_openapi_health_and_metrics() throws Exception {
        HttpResponse<String> response = Http.get("/api/v1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).getJsonObject("links").getString("openapi")).isEqualTo("/openapi");

        HttpResponse<String> openapi = Http.get("/openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("Sesame API").contains("/v1");

        HttpResponse<String> metrics = Http.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    @Test
    void admin_portal_is_served_at_admin() throws Exception {
        HttpResponse<String> response = Http.get("/admin/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Sesame").contains(ItEnvironment.isPostgres() ? "PostgreSQL" : "embedded H2");
    }

    @Test
    void first_start_bootstraps_an_admin_and_a_key_and_writes_only_generated_secrets_owner_only() throws Exception {
        Path file = ItEnvironment.dataDir().resolve("bootstrap-credentials.properties");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            credentials.load(in);
        }
        assertThat(credentials.getProperty("api.key")).startsWith("sesame_").hasSize(53);
        assertThat(credentials.getProperty("api.key")).contains(credentials.getProperty("api.key.id"));
        if (ItEnvironment.isPostgres()) {
            // The admin password came from SESAME_BOOTSTRAP_ADMIN_PASSWORD: it must not be written out.
            assertThat(credentials.getProperty("admin.password")).isNull();
            assertThat(Files.readString(file)).doesNotContain(System.getProperty("sesame.it.admin.password"));
            assertStoredAsHashesOnly(credentials.getProperty("api.key"));
        } else {
            assertThat(credentials.getProperty("admin.username")).isEqualTo("admin");
            assertThat(credentials.getProperty("admin.password")).hasSizeGreaterThanOrEqualTo(24);
            assertThat(ItEnvironment.dataDir().resolve("db/sesame.mv.db")).exists();
        }
    }

    /** PostgreSQL can be read beside the running server: neither secret is in the database in plaintext. */
    private static void assertStoredAsHashesOnly(String apiKey) throws Exception {
        try (Connection c = ItEnvironment.openPostgres(); Statement s = c.createStatement()) {
            String schema = ItEnvironment.postgresSchema();
            try (ResultSet rs = s.executeQuery("select secret_hash, status from " + schema + ".api_key")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).matches("[0-9a-f]{64}").isNotEqualTo(apiKey);
                assertThat(rs.getString(2)).isEqualTo("ACTIVE");
            }
            try (ResultSet rs = s.executeQuery("select password_hash from " + schema + ".admin_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PBKDF2WithHmacSHA512:210000:")
                        .doesNotContain(System.getProperty("sesame.it.admin.password"));
            }
            try (ResultSet rs = s.executeQuery("select count(*) from " + schema + ".lifecycle_event where actor = 'system:bootstrap'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }
}
