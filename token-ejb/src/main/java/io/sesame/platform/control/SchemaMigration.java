package io.sesame.platform.control;

import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway owns Sesame's schema: the same migrations ({@code db/migration}) run on H2 and PostgreSQL.
 * Flyway's lock on its history table makes concurrent starts of several instances safe.
 */
public final class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
    static final String LOCATION = "classpath:db/migration";

    private final DataSource dataSource;

    public SchemaMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private Flyway flyway() {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .load();
    }

    /** Brings the schema to the newest version; throws with a readable reason when it cannot. */
    public MigrateResult migrate() {
        try {
            MigrateResult result = flyway().migrate();
            LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migration(s) applied now)");
            return result;
        } catch (RuntimeException e) {
            String reason = rootMessage(e);
            LOG.log(Level.SEVERE, "Sesame cannot start: database migration failed: {0}", reason);
            throw new IllegalStateException("Database migration failed: " + reason, e);
        }
    }

    /** Null when every known migration has been applied successfully, else what is missing. */
    public String outstanding() {
        for (MigrationInfo info : flyway().info().all()) {
            MigrationState state = info.getState();
            if (state.isFailed()) {
                return "migration " + info.getVersion() + " failed";
            }
            if (state == MigrationState.PENDING) {
                return "migration " + info.getVersion() + " is pending";
            }
        }
        return null;
    }

    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip().lines().findFirst().orElse(""));
    }
}
