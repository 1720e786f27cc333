package io.sesame.audit.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Lines appended to one file, rotated by size into {@code name.1 … name.N} (the oldest dropped), so that the disk it
 * may take is bounded: at most {@code maxBytes × (keep + 1)}. Not thread-safe: one writer thread owns it. Files are
 * created owner-only (they name keys, addresses and recipients' domains).
 */
public final class RotatingLines implements Closeable {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    /**
     * @param maxBytes the size at which the file is rotated (≥ 1 KiB)
     * @param keep     how many rotated files are kept (≥ 0)
     */
    public RotatingLines(Path file, long maxBytes, int keep) {
        if (maxBytes < 1024 || keep < 0) {
            throw new IllegalArgumentException("a rotated file needs at least 1 KiB and a non-negative number of files to keep");
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    /** The bound on disk use this file keeps. */
    public long boundBytes() {
        return maxBytes * (keep + 1);
    }

    public void write(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (out == null) {
            open();
        }
        if (size > 0 && size + bytes.length > maxBytes) {
            rotate();
        }
        out.write(bytes);
        size += bytes.length;
    }

    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        }
        size = Files.size(file);
        out = new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND), 64 * 1024);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Files.deleteIfExists(rotated(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep > 0) {
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        open();
    }

    Path rotated(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
