package io.sesame.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives the run an empty database before Arquillian deploys the EAR (register it before
 * ArquillianExtension): the H2 data directory is deleted, the PostgreSQL schema dropped and recreated.
 * Runs once per JVM, i.e. once per failsafe execution. Without a PostgreSQL at the configured address it starts an
 * embedded one there first ({@link io.sesame.testing.LocalPostgres}), before Payara is started.
 */
public class FreshDatabase implements BeforeAllCallback {

    private static boolean done;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (done) {
            return;
        }
        done = true;
        deleteRecursively(ItEnvironment.dataDir());
        if (ItEnvironment.isPostgres()) {
            io.sesame.testing.LocalPostgres.ensure(ItEnvironment.postgresUrl()); // embedded when none answers (a laptop)
            resetSchema();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void resetSchema() throws SQLException {
        String schema = ItEnvironment.postgresSchema();
        try (Connection c = ItEnvironment.openPostgres(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
            s.execute("create schema " + schema);
        }
    }
}
