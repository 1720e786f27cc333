package io.sesame.startup.control;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Writes generated bootstrap secrets once to a file only its owner can read (0600, created with those
 * permissions, so there is no window in which it is readable by others).
 */
public final class BootstrapCredentialsFile {

    public static final String FILE_NAME = "bootstrap-credentials.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private BootstrapCredentialsFile() {
    }

    public static Path write(Path dataDir, Map<String, String> entries, Instant at) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " already exists: it belongs to an earlier database."
                    + " Remove it (after saving what you need) to bootstrap a new one.", e);
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot create an owner-only file on this file system: " + file, e);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write("# Sesame bootstrap credentials, generated on first start at " + at + ".\n");
            out.write("# Shown nowhere else. Sign in, issue your own keys, revoke or rotate the bootstrap key,\n");
            out.write("# change the admin password, then delete this file.\n");
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.write(entry.getKey() + "=" + entry.getValue() + "\n");
            }
        }
        return file;
    }
}
