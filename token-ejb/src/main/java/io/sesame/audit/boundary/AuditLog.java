package io.sesame.audit.boundary;

import io.sesame.audit.control.RotatingLines;
import io.sesame.platform.boundary.SesameSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The audit's JSON lines for a SIEM (one per finished call and lifecycle event; the database stays the source of
 * truth). Written off the request thread by one writer to {@code sesame.audit.log.target}: a size-rotated file with a
 * bounded number of generations (default), the process's stdout (containers), Payara's log (as before), or nowhere. The
 * queue is bounded: when the writer falls behind, lines are dropped and counted (metric
 * {@code sesame_audit_log_dropped_total}, a warning a minute) — a request never waits for the log.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final Logger SERVER_LOG = Logger.getLogger("io.sesame.audit.events");

    public enum Target { FILE, STDOUT, SERVER_LOG, OFF }

    @Inject
    @ConfigProperty(name = "sesame.audit.log.target", defaultValue = "file")
    String targetSetting;

    @Inject
    @ConfigProperty(name = "sesame.audit.log.file")
    java.util.Optional<String> fileSetting;

    @Inject
    @ConfigProperty(name = "sesame.audit.log.max-file-mb", defaultValue = "20")
    int maxFileMb;

    @Inject
    @ConfigProperty(name = "sesame.audit.log.max-files", defaultValue = "5")
    int maxFiles;

    @Inject
    @ConfigProperty(name = "sesame.audit.log.queue", defaultValue = "20000")
    int queueSize;

    @Inject
    SesameSettings settings;

    @Inject
    Instance<MetricRegistry> metrics;


    private volatile Target target;
    private volatile String problem;
    private BlockingQueue<String> queue;
    private Thread writer;
    private volatile boolean stopping;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reportedDropped = new AtomicLong();
    private volatile long lastDropWarning;

    /**
     * Logs a line; {@code line} is built here, on the caller's thread, only if the log is on. Never blocks, never
     * throws: the log is a copy, and a copy that fails must not fail the audit or the request.
     */
    public void log(Supplier<String> line) {
        try {
            Target t = target();
            switch (t) {
                case OFF -> {
                }
                case SERVER_LOG -> SERVER_LOG.logp(Level.INFO, "io.sesame.audit", "event", line);
                default -> {
                    if (!queue.offer(line.get())) {
                        drop("the audit log writer fell behind (queue of " + queueSize + " full)");
                    }
                }
            }
        } catch (RuntimeException e) {
            drop("an audit log line could not be made (" + e + ")");
        }
    }

    /** Why the settings could not be used (the log is then off), or null. */
    public String problem() {
        target();
        return problem;
    }

    public long dropped() {
        return dropped.get();
    }

    private Target target() {
        Target t = target;
        if (t == null) {
            synchronized (this) {
                t = target;
                if (t == null) {
                    t = start();
                    target = t;
                }
            }
        }
        return t;
    }

    private Target start() {
        Target t;
        try {
            t = Target.valueOf(targetSetting.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (t == Target.FILE || t == Target.STDOUT) {
                if (queueSize < 100 || queueSize > 1_000_000) {
                    throw new IllegalArgumentException("sesame.audit.log.queue must be between 100 and 1000000 (is " + queueSize + ")");
                }
                OutputSink sink = t == Target.FILE ? fileSink() : stdoutSink();
                queue = new ArrayBlockingQueue<>(queueSize);
                writer = newThread(() -> drain(sink));
                writer.setName("sesame-audit-log");
                writer.setDaemon(true);
                writer.start();
            }
        } catch (IllegalArgumentException e) {
            problem = e.getMessage().startsWith("sesame.") ? e.getMessage()
                    : "sesame.audit.log.target must be file, stdout, server-log or off (is '" + targetSetting + "')";
            LOG.severe("The audit log is off: " + problem + " (the database audit is unaffected)");
            return Target.OFF;
        }
        LOG.info("Audit log lines go to " + describe(t));
        return t;
    }

    /** A container thread when the container offers one; the writer only touches the file, so a plain one does too. */
    private static Thread newThread(Runnable work) {
        try {
            ManagedThreadFactory factory = javax.naming.InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
            return factory.newThread(work);
        } catch (javax.naming.NamingException | RuntimeException e) {
            return new Thread(work);
        }
    }

    private String describe(Target t) {
        return switch (t) {
            case FILE -> file() + " (rotated at " + maxFileMb + " MiB, " + maxFiles + " older files kept: at most "
                    + (long) maxFileMb * (maxFiles + 1) + " MiB)";
            case STDOUT -> "the process's standard output";
            case SERVER_LOG -> "the server log (category io.sesame.audit.events)";
            case OFF -> "nowhere";
        };
    }

    Path file() {
        return fileSetting.filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath().normalize())
                .orElse(settings.dataDir().resolve("logs").resolve("audit.jsonl"));
    }

    private interface OutputSink {
        void write(String line) throws IOException;

        void flush() throws IOException;

        void close() throws IOException;
    }

    private OutputSink fileSink() {
        if (maxFileMb < 1 || maxFileMb > 10_240 || maxFiles < 0 || maxFiles > 1000) {
            throw new IllegalArgumentException("sesame.audit.log.max-file-mb must be 1–10240 and sesame.audit.log.max-files 0–1000");
        }
        RotatingLines lines = new RotatingLines(file(), maxFileMb * 1024L * 1024L, maxFiles);
        return new OutputSink() {
            public void write(String line) throws IOException {
                lines.write(line);
            }

            public void flush() throws IOException {
                lines.flush();
            }

            public void close() throws IOException {
                lines.close();
            }
        };
    }

    /** The process's real stdout: System.out is redirected into server.log on Payara Server. */
    private static OutputSink stdoutSink() {
        OutputStream raw = new FileOutputStream(FileDescriptor.out);
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(raw, 64 * 1024), false, StandardCharsets.UTF_8);
        return new OutputSink() {
            public void write(String line) {
                out.print(line);
                out.print('\n');
            }

            public void flush() {
                out.flush();
            }

            public void close() {
                out.flush();
            }
        };
    }

    private void drain(OutputSink sink) {
        List<String> batch = new ArrayList<>(512);
        try {
            while (!stopping || !queue.isEmpty()) {
                String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 511);
                try {
                    for (String line : batch) {
                        sink.write(line);
                    }
                    sink.flush();
                } catch (IOException | RuntimeException e) {
                    // the writer keeps going: a full disk or a vanished directory may come back
                    countDropped(batch.size());
                    warnDropped("cannot write the audit log (" + e + ")");
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                sink.close();
            } catch (IOException ignored) {
                // closing at shutdown: nothing left to tell
            }
        }
    }

    private void drop(String why) {
        countDropped(1);
        warnDropped(why);
    }

    private void countDropped(int lines) {
        dropped.addAndGet(lines);
        try {
            if (metrics.isResolvable()) {
                metrics.get().counter("sesame_audit_log_dropped").inc(lines);
            }
        } catch (RuntimeException e) {
            // counted above; the metric is a convenience
        }
    }

    private void warnDropped(String why) {
        long now = System.nanoTime();
        if (now - lastDropWarning > TimeUnit.MINUTES.toNanos(1)) {
            lastDropWarning = now;
            long total = dropped.get();
            LOG.warning(total - reportedDropped.getAndSet(total) + " audit log line(s) dropped: " + why
                    + "; the database audit has every event");
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        Thread w = writer;
        if (w != null) {
            try {
                w.join(5_000); // drains what is queued, then closes the file
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
