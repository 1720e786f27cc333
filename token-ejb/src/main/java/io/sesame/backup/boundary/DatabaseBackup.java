package io.sesame.backup.boundary;

import io.sesame.access.control.Actor;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.boundary.SesameDataSource;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.DatabaseKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An online backup of the embedded H2 database ({@code BACKUP TO}), into {@code $SESAME_DATA_DIR/backups/} (0700, files
 * 0600): a consistent copy while Sesame keeps serving, with the exported audit-chain head of that moment beside it. PostgreSQL is backed up with {@code pg_dump} (docs/operations.md).
 * The file holds hashes, sealed signing keys and the audit — never the pepper or the sealing key, which the operator
 * keeps elsewhere; without them a backup restores nothing usable, with them everything.
 */
@Stateless
public class DatabaseBackup {

    private static final Logger LOG = Logger.getLogger(DatabaseBackup.class.getName());
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'sesame-'yyyyMMdd'T'HHmmss'Z.zip'").withZone(ZoneOffset.UTC);
    private static final AtomicBoolean RUNNING = new AtomicBoolean();
    /** At most one backup a minute: each is a full copy, and a key with sesame:ManageMonitoring could fill the disk. */
    static final java.time.Duration MIN_INTERVAL = java.time.Duration.ofMinutes(1);
    private static volatile Instant last = Instant.EPOCH;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "sesame.backup.keep", defaultValue = "7")
    int keep;
    /** The exported audit-chain head's file name in the data directory (AuditChain writes it). */
    static final String AUDIT_HEAD = "audit-head.json";

    @Resource(lookup = SesameDataSource.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SesameSettings settings;

    @EJB
    LifecycleAudit audit;

    @Resource
    SessionContext context;

    /** @param auditHead the audit-chain head taken with it, or null when none had been exported yet */
    public record Backup(Path file, long bytes, Instant createdAt, Path auditHead) {
    }

    /** Outside any transaction: H2 runs BACKUP on its own connection, and the audit event follows in its own. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Backup backupNow(Actor actor) {
        actor.require(Permission.MANAGE_MONITORING);
        if (DatabaseKind.of(settings.databaseUrl()) != DatabaseKind.H2) {
            throw SesameException.conflict("backup_with_pg_dump", "Sesame runs on PostgreSQL: back it up with pg_dump "
                    + "(docs/operations.md, \"Backups, restores, upgrades\")");
        }
        if (keep < 1 || keep > 1000) {
            throw SesameException.unavailable("sesame.backup.keep must be between 1 and 1000 (is " + keep + ")");
        }
        if (!RUNNING.compareAndSet(false, true)) {
            throw SesameException.conflict("backup_running", "A backup is being written; try again when it is done");
        }
        try {
            Instant now = Instant.now();
            if (now.isBefore(last.plus(MIN_INTERVAL))) {
                throw new SesameException(io.sesame.platform.control.ErrorKind.THROTTLED, "backup_too_soon",
                        "The last backup was written less than a minute ago");
            }
            Path dir = settings.dataDir().resolve("backups");
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            Path file = dir.resolve(NAME.format(now));
            if (Files.exists(file)) {
                throw SesameException.conflict("backup_exists", "A backup named " + file.getFileName() + " exists already; try again in a second");
            }
            // the exported audit-chain head, taken before the database: it names an entry the backup holds, so a restored
            // database verifies against it (a head newer than the backup would read as a truncated chain)
            Path head = settings.dataDir().resolve(AUDIT_HEAD);
            Path headCopy = null;
            if (Files.exists(head)) {
                headCopy = dir.resolve(file.getFileName().toString().replace(".zip", "." + AUDIT_HEAD));
                Files.copy(head, headCopy);
                restrict(headCopy, "rw-------");
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
            }
            restrict(file, "rw-------");
            last = now;
            Backup backup = new Backup(file, Files.size(file), now, headCopy);
            prune(dir);
            context.getBusinessObject(DatabaseBackup.class).recorded(actor.name(), backup);
            LOG.info("Database backup written: " + file + " (" + backup.bytes() + " bytes)");
            return backup;
        } catch (SQLException | IOException e) {
            throw SesameException.unavailable("The backup could not be written: " + e.getMessage());
        } finally {
            RUNNING.set(false);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recorded(String actor, Backup backup) {
        audit.record(actor, "database.backed-up", "backup", backup.file().getFileName().toString(), backup.bytes() + " bytes in "
                + backup.file().getParent(), null, null);
    }

    /** Keeps the newest {@code sesame.backup.keep} backups (names sort by time), with their audit heads. */
    private void prune(Path dir) throws IOException {
        List<Path> zips;
        try (var files = Files.list(dir)) {
            zips = files.filter(p -> p.getFileName().toString().matches("sesame-\\d{8}T\\d{6}Z\\.zip")).sorted().toList();
        }
        for (Path old : zips.subList(0, Math.max(0, zips.size() - keep))) {
            Files.deleteIfExists(old);
            Files.deleteIfExists(old.resolveSibling(old.getFileName().toString().replace(".zip", "." + AUDIT_HEAD)));
            LOG.info("Old database backup removed (sesame.backup.keep=" + keep + "): " + old);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: its own permissions apply
        }
    }
}
