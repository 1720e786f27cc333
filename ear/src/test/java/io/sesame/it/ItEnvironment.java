package io.sesame.it;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** What the failsafe execution (H2 or PostgreSQL) tells the tests about the Sesame under test. */
final class ItEnvironment {

    static final URI BASE = URI.create("http://localhost:8080");

    private ItEnvironment() {
    }

    static String database() {
        return System.getProperty("sesame.it.database", "h2");
    }

    static boolean isPostgres() {
        return "postgres".equals(database());
    }

    static Path dataDir() {
        return Path.of(System.getProperty("sesame.it.data.dir", "target/it-data/" + database()));
    }

    static String postgresUrl() {
        return System.getProperty("sesame.it.postgres.url");
    }

    static String postgresSchema() {
        String url = postgresUrl();
        int at = url.indexOf("currentSchema=");
        return at < 0 ? "public" : url.substring(at + "currentSchema=".length()).split("&")[0];
    }

    static Connection openPostgres() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", System.getProperty("sesame.it.postgres.user", "postgres"));
        String url = postgresUrl();
        // Connect without currentSchema: the schema may not exist yet.
        String plain = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Connection c = DriverManager.getConnection(plain, props);
        return c;
    }

    /** Whether this run's Sesame sends through the aws transport to the SES emulator (else the sandbox). */
    static boolean usesAwsTransport() {
        return "aws".equals(System.getProperty("sesame.it.transport", "sandbox"));
    }

    static URI sesEndpoint() {
        return URI.create(System.getProperty("sesame.it.ses.endpoint", "http://127.0.0.1:18005"));
    }

    static URI uri(String path) {
        return BASE.resolve(path);
    }
}
