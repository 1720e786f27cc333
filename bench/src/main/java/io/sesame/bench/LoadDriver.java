package io.sesame.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The gateway's cost under load: N authorized {@code POST /api/v1/emails} through a running Sesame (whose aws
 * transport points at the zero-latency SES stub) at a given concurrency, then the same N messages sent directly with
 * the AWS SDK to the same stub at the same concurrency. Prints both throughputs, their ratio, latency percentiles and
 * the latency Sesame adds, then checks the audit holds exactly one call event per request.
 *
 *   java -cp bench/target/benchmarks.jar io.sesame.bench.LoadDriver --label H2 --requests 5000 --concurrency 16
 *
 * Options: {@code --ceiling http://127.0.0.1:8080} also drives the ceiling war's do-nothing and SDK-only endpoints
 * ({@code --clients urlconnection,crt,netty} adds the SDK call through those HTTP clients);
 * {@code --pids payara=PID,stub=PID} reports CPU µs per request of each process (and the driver's own) from /proc;
 * {@code --sweep 1,2,4,8,16,32,64 --csv F} measures every path at every concurrency first (CSV for the chart).
 */
public final class LoadDriver {

    public static void main(String[] args) {
        try {
            drive(args);
        } catch (Exception | Error e) {
            // the worker pools are not daemons: without an exit, a failed call would leave the driver waiting forever
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void drive(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("sesame", "http://127.0.0.1:8080", "stub", "http://127.0.0.1:18095",
                "credentials", "data/bootstrap-credentials.properties", "requests", "5000", "concurrency", "16", "warmup", "2000",
                "label", "run"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int n = Integer.parseInt(opts.get("requests"));
        int concurrency = Integer.parseInt(opts.get("concurrency"));
        int warmup = Integer.parseInt(opts.get("warmup"));
        URI sesame = URI.create(opts.get("sesame"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();

        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(opts.get("credentials")))) {
            credentials.load(in);
        }
        String admin = token(http, sesame, credentials.getProperty("api.key"));
        String app = post(http, sesame, "/api/v1/admin/applications", admin,
                "{\"name\":\"bench-" + System.nanoTime() + "\",\"owner\":\"bench\"}").getString("id");
        JsonObject key = post(http, sesame, "/api/v1/admin/applications/" + app + "/keys", admin,
                "{\"name\":\"bench\",\"expiresInDays\":1,\"policy\":{\"permissions\":[\"ses:SendEmail\"],\"scope\":{"
                        + "\"fromAddresses\":[\"@bench.example.com\"],\"maxRecipients\":5,\"tokenTtlSeconds\":43200}}}");
        String keyId = key.getString("keyId");
        String token = token(http, sesame, key.getString("apiKey"));
        String message = "{\"from\":\"noreply@bench.example.com\",\"to\":[\"r@customers.example\"],\"subject\":\"Order\","
                + "\"text\":\"Thank you for your order.\"}";

        AtomicInteger failedCalls = new AtomicInteger();
        Callable<Void> viaSesame = () -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(sesame.resolve("/api/v1/emails"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(message)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                if (failedCalls.incrementAndGet() <= 3) {
                    System.err.println("gateway answered " + r.statusCode() + ": " + r.body());
                }
            }
            return null;
        };
        Map<String, Long> pids = pids(opts.getOrDefault("pids", ""));
        String ceiling = opts.get("ceiling");
        long gatewayRequests = warmup;
        try (SesV2Client sdk = SesV2Client.builder().endpointOverride(URI.create(opts.get("stub"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(64, concurrency * 2))).build()) {
            Callable<Void> direct = () -> {
                sdk.sendEmail(b -> b.fromEmailAddress("noreply@bench.example.com").destination(d -> d.toAddresses("r@customers.example"))
                        .content(c -> c.simple(m -> m.subject(s -> s.data("Order")).body(x -> x.text(t -> t.data("Thank you for your order."))))));
                return null;
            };
            Map<String, Callable<Void>> paths = new java.util.LinkedHashMap<>();
            paths.put("gateway", viaSesame);
            paths.put("direct", direct);
            if (ceiling != null) {
                paths.put("noop", plain(http, URI.create(ceiling).resolve("/ceiling/api/noop"), message, failedCalls));
                paths.put("sdk", plain(http, URI.create(ceiling).resolve("/ceiling/api/sdk/apache"), message, failedCalls));
                // the SDK's other HTTP clients, for comparison: urlconnection, crt (sync), netty (async, AsyncResponse)
                for (String client : opts.getOrDefault("clients", "").split(",")) {
                    if (!client.isBlank()) {
                        String path = client.equals("netty") ? "/ceiling/api/sdk-async/netty" : "/ceiling/api/sdk/" + client.strip();
                        paths.put("sdk-" + client.strip(), plain(http, URI.create(ceiling).resolve(path), message, failedCalls));
                    }
                }
            }
            for (Callable<Void> path : paths.values()) {
                run(warmup, concurrency, path, pids);
            }
            // each measurement in turns across the paths (--rounds, default 4)
            int rounds = Integer.parseInt(opts.getOrDefault("rounds", "4"));
            String sweep = opts.get("sweep");
            if (sweep != null && !sweep.isBlank()) {
                // throughput and latency against concurrency, every path at every level, one CSV line each
                try (java.io.PrintWriter csv = new java.io.PrintWriter(Files.newBufferedWriter(Path.of(opts.getOrDefault("csv", "sweep.csv"))))) {
                    csv.println("concurrency,path,requests,throughput,p50_ms,p99_ms,payara_cpu_us,stub_cpu_us,driver_cpu_us,machine_busy_pct");
                    for (String level : sweep.split(",")) {
                        int c = Integer.parseInt(level.strip());
                        int requests = Math.max(n, 100 * c);
                        Map<String, Result> measured = interleaved(paths, requests, c, pids, rounds);
                        gatewayRequests += requests;
                        for (Map.Entry<String, Result> path : measured.entrySet()) {
                            Result r = path.getValue();
                            csv.printf(java.util.Locale.ROOT, "%d,%s,%d,%.1f,%.3f,%.3f,%.0f,%.0f,%.0f,%.0f%n", c, path.getKey(), requests,
                                    r.throughput(), r.ms(50), r.ms(99), r.cpuMicrosPerRequest("payara"), r.cpuMicrosPerRequest("stub"),
                                    r.cpuMicrosPerRequest("driver"), r.machineBusyPercent());
                            csv.flush();
                            System.err.printf("concurrency %d, %s: %.0f/s, p50 %.2f ms, p99 %.2f ms%n", c, path.getKey(), r.throughput(), r.ms(50), r.ms(99));
                        }
                    }
                }
            }
            Map<String, Result> results = interleaved(paths, n, concurrency, pids, rounds);
            gatewayRequests += n;
            Result gateway = results.get("gateway");
            Result sdkDirect = results.get("direct");

            long expected = gatewayRequests;
            // a fresh admin token: a long run outlives the first one (5 minutes), and an expired token counts nothing
            long audited = auditedCalls(http, sesame, token(http, sesame, credentials.getProperty("api.key")), keyId);
            double ratio = gateway.throughput() / sdkDirect.throughput();
            System.out.printf("%n| %s | %d | %d | %.0f | %.0f | %.0f %% | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %d of %d%s |%n",
                    opts.get("label"), n, concurrency, gateway.throughput(), sdkDirect.throughput(), ratio * 100,
                    gateway.ms(50), gateway.ms(95), gateway.ms(99), sdkDirect.ms(50), sdkDirect.ms(95), sdkDirect.ms(99),
                    gateway.ms(50) - sdkDirect.ms(50), gateway.ms(95) - sdkDirect.ms(95), gateway.ms(99) - sdkDirect.ms(99),
                    audited, expected, failedCalls.get() == 0 ? "" : " (" + failedCalls.get() + " errors)");
            if (!pids.isEmpty()) {
                // where the CPU goes: per request, per process, from /proc (user + system time)
                System.out.printf("%n| %s, concurrency %d | req/s | p50 / p99 ms | Payara CPU µs/req | stub µs/req | driver µs/req | all µs/req | machine busy |%n",
                        opts.get("label"), concurrency);
                System.out.println("|---|---|---|---|---|---|---|---|");
                for (Map.Entry<String, Result> e : results.entrySet()) {
                    Result r = e.getValue();
                    // the direct path does not go through Payara: its background work is not the direct path's cost
                    double payara = e.getKey().equals("direct") ? 0 : r.cpuMicrosPerRequest("payara");
                    System.out.printf("| %s | %.0f | %.2f / %.2f | %.0f | %.0f | %.0f | %.0f | %.0f %% |%n", e.getKey(), r.throughput(),
                            r.ms(50), r.ms(99), r.cpuMicrosPerRequest("payara"), r.cpuMicrosPerRequest("stub"),
                            r.cpuMicrosPerRequest("driver"), payara + r.cpuMicrosPerRequest("stub")
                                    + r.cpuMicrosPerRequest("driver"), r.machineBusyPercent());
                }
            }
            if (audited != expected || failedCalls.get() > 0) {
                System.err.println("AUDIT MISMATCH or errors: " + audited + " call events for " + expected + " requests, "
                        + failedCalls.get() + " errors");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /**
     * Every path measured in {@code rounds} turns, round-robin, so that the machine's drift during the run (its speed
     * varies by minutes) falls on all paths alike instead of on whichever ran last.
     */
    static Map<String, Result> interleaved(Map<String, Callable<Void>> paths, int n, int concurrency, Map<String, Long> pids,
                                           int rounds) throws Exception {
        Map<String, List<Result>> parts = new java.util.LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            int share = n / rounds + (round < n % rounds ? 1 : 0);
            for (Map.Entry<String, Callable<Void>> path : paths.entrySet()) {
                parts.computeIfAbsent(path.getKey(), k -> new ArrayList<>()).add(run(share, concurrency, path.getValue(), pids));
            }
        }
        Map<String, Result> results = new java.util.LinkedHashMap<>();
        parts.forEach((path, results0) -> results.put(path, Result.merge(results0)));
        return results;
    }

    /** A POST of the message to a ceiling endpoint (no token: it checks nothing). */
    static Callable<Void> plain(HttpClient http, URI uri, String message, AtomicInteger errors) {
        return () -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(message)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && errors.incrementAndGet() <= 3) {
                System.err.println(uri + " answered " + r.statusCode() + ": " + r.body());
            }
            return null;
        };
    }

    /** {@code payara=123,stub=456}: processes whose CPU time is read from /proc around each run (the driver's own always). */
    static Map<String, Long> pids(String spec) {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            if (kv.length == 2 && !kv[1].isBlank()) {
                pids.put(kv[0].strip(), Long.parseLong(kv[1].strip()));
            }
        }
        if (!pids.isEmpty()) {
            pids.put("driver", ProcessHandle.current().pid());
        }
        return pids;
    }

    /** User + system CPU time of a process in µs, from /proc/PID/stat (clock ticks of 10 ms). */
    static long cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * 10_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Busy and total jiffies of the whole machine, from /proc/stat. */
    static long[] machineJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    record Result(double throughput, Histogram latency, int requests, Map<String, Long> cpuMicros, double machineBusyPercent,
                  double seconds) {

        /** Parts of one path's measurement taken at different times: requests over their summed time, CPU summed. */
        static Result merge(List<Result> parts) {
            Histogram latency = new Histogram(3);
            Map<String, Long> cpu = new HashMap<>();
            int requests = 0;
            double seconds = 0;
            double busySeconds = 0;
            for (Result part : parts) {
                latency.add(part.latency());
                requests += part.requests();
                seconds += part.seconds();
                busySeconds += part.machineBusyPercent() * part.seconds();
                part.cpuMicros().forEach((name, micros) -> cpu.merge(name, micros, (a, b) -> a < 0 || b < 0 ? -1 : a + b));
            }
            return new Result(requests / seconds, latency, requests, cpu, busySeconds / seconds, seconds);
        }

        double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }

        double cpuMicrosPerRequest(String process) {
            Long micros = cpuMicros.get(process);
            return micros == null || micros < 0 ? Double.NaN : (double) micros / requests;
        }
    }

    /** N calls on a fixed pool of {@code concurrency} threads; latency in µs; CPU of the given processes. */
    static Result run(int n, int concurrency, Callable<Void> call, Map<String, Long> pids) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong remaining = new AtomicLong(n);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        Map<String, Long> cpuBefore = new HashMap<>();
        pids.forEach((name, pid) -> cpuBefore.put(name, cpuMicros(pid)));
        long[] machineBefore = machineJiffies();
        long started = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            workers.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    call.call();
                    recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] machineAfter = machineJiffies();
        Map<String, Long> cpu = new HashMap<>();
        pids.forEach((name, pid) -> {
            long before = cpuBefore.get(name);
            long after = cpuMicros(pid);
            cpu.put(name, before < 0 || after < 0 ? -1 : after - before);
        });
        pool.shutdown();
        long total = machineAfter[1] - machineBefore[1];
        double busy = total == 0 ? Double.NaN : 100.0 * (machineAfter[0] - machineBefore[0]) / total;
        return new Result(n / seconds, recorder.getIntervalHistogram(), n, cpu, busy, seconds);
    }

    static long auditedCalls(HttpClient http, URI sesame, String admin, String keyId) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sesame.resolve("/api/v1/admin/audit/calls/export?format=jsonl&key=" + keyId))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.contains("\"decision\":\"allowed\"") && l.contains("\"sesMessageId\"")).count();
    }

    static String token(HttpClient http, URI sesame, String apiKey) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sesame.resolve("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_secret="
                        + java.net.URLEncoder.encode(apiKey, java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request: " + r.statusCode() + " " + r.body());
        }
        return Json.createReader(new StringReader(r.body())).readObject().getString("access_token");
    }

    static JsonObject post(HttpClient http, URI sesame, String path, String bearer, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sesame.resolve(path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
