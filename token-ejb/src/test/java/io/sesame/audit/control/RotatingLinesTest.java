package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLinesTest {

    @TempDir
    Path dir;

    private long totalBytes() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void disk_use_stays_within_the_bound_however_much_is_written_and_the_newest_lines_survive() throws Exception {
        Path file = dir.resolve("logs/audit.jsonl");
        String line = "{\"type\":\"call\",\"n\":%06d," + "\"pad\":\"" + "x".repeat(80) + "\"}";
        try (RotatingLines lines = new RotatingLines(file, 4096, 3)) {
            for (int i = 0; i < 5000; i++) {
                lines.write(String.format(line, i));
            }
            lines.flush();
            assertThat(totalBytes()).isLessThanOrEqualTo(lines.boundBytes()).isGreaterThan(3 * 4096 - 200);
        }
        try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("audit.jsonl", "audit.jsonl.1", "audit.jsonl.2", "audit.jsonl.3");
        }
        List<String> newest = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(newest.get(newest.size() - 1)).contains("\"n\":004999");
        List<String> older = Files.readAllLines(dir.resolve("logs/audit.jsonl.1"), StandardCharsets.UTF_8);
        assertThat(older.get(older.size() - 1)).as("rotation keeps order: .1 ends where the current file begins")
                .contains(String.format("\"n\":%06d", Integer.parseInt(newest.get(0).replaceAll(".*\"n\":(\\d+).*", "$1")) - 1));
        assertThat(Files.readAllLines(dir.resolve("logs/audit.jsonl.2"))).allSatisfy(l -> assertThat(l).endsWith("}"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_reopened_file_continues_its_size_and_keep_zero_keeps_just_the_current_file() throws Exception {
        Path file = dir.resolve("logs/a.jsonl");
        try (RotatingLines lines = new RotatingLines(file, 2048, 0)) {
            lines.write("x".repeat(1500));
        }
        try (RotatingLines lines = new RotatingLines(file, 2048, 0)) {
            lines.write("y".repeat(1000)); // 1501 + 1001 > 2048: rotates, the old content is dropped
        }
        assertThat(Files.readString(file)).startsWith("y").hasSize(1001);
        assertThat(Files.exists(dir.resolve("logs/a.jsonl.1"))).isFalse();
    }

    @Test
    void settings_below_the_floor_are_refused() {
        assertThatThrownBy(() -> new RotatingLines(dir.resolve("x"), 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RotatingLines(dir.resolve("x"), 4096, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
