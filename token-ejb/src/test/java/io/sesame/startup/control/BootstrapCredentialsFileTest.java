package io.sesame.startup.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapCredentialsFileTest {

    @TempDir
    Path dir;

    @Test
    void writes_an_owner_only_file_in_a_new_data_directory() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("admin.password", "s3cret");
        Path file = BootstrapCredentialsFile.write(dir.resolve("nested/data"), entries, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("admin.password=s3cret").contains("2026-01-01T00:00:00Z");
    }

    @Test
    void never_overwrites_an_existing_file() throws IOException {
        BootstrapCredentialsFile.write(dir, Map.of("a", "1"), Instant.now());
        assertThatThrownBy(() -> BootstrapCredentialsFile.write(dir, Map.of("a", "2"), Instant.now()))
                .isInstanceOf(IOException.class).hasMessageContaining("already exists");
        assertThat(Files.readString(dir.resolve(BootstrapCredentialsFile.FILE_NAME))).contains("a=1");
    }
}
