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
 */
public final class LoadDriver {

    public static void main(String[] args) throws Exception {
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

        AtomicInteger gatewayErrors = new AtomicInteger();
        Callable<Void> viaSesame = () -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(sesame.resolve("/api/v1/emails"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(message)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                if (gatewayErrors.incrementAndGet() <= 3) {
                    System.err.println("gateway answered " + r.statusCode() + ": " + r.body());
                }
            }
            return null;
        };
        try (SesV2Client sdk = SesV2Client.builder().endpointOverride(URI.create(opts.get("stub"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(concurrency * 2)).build()) {
            Callable<Void> direct = () -> {
                sdk.sendEmail(b -> b.fromEmailAddress("noreply@bench.example.com").destination(d -> d.toAddresses("r@customers.example"))
                        .content(c -> c.simple(m -> m.subject(s -> s.data("Order")).body(x -> x.text(t -> t.data("Thank you for your order."))))));
                return null;
            };
            run(warmup, concurrency, viaSesame);
            run(warmup, concurrency, direct);
            Result gateway = run(n, concurrency, viaSesame);
            Result sdkDirect = run(n, concurrency, direct);

            long expected = (long) warmup + n;
            // a fresh admin token: a long run outlives the first one (5 minutes), and an expired token counts nothing
            long audited = auditedCalls(http, sesame, token(http, sesame, credentials.getProperty("api.key")), keyId);
            double ratio = gateway.throughput() / sdkDirect.throughput();
            System.out.printf("%n| %s | %d | %d | %.0f | %.0f | %.0f %% | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %d of %d%s |%n",
                    opts.get("label"), n, concurrency, gateway.throughput(), sdkDirect.throughput(), ratio * 100,
                    gateway.ms(50), gateway.ms(95), gateway.ms(99), sdkDirect.ms(50), sdkDirect.ms(95), sdkDirect.ms(99),
                    gateway.ms(50) - sdkDirect.ms(50), gateway.ms(95) - sdkDirect.ms(95), gateway.ms(99) - sdkDirect.ms(99),
                    audited, expected, gatewayErrors.get() == 0 ? "" : " (" + gatewayErrors.get() + " errors)");
            if (audited != expected || gatewayErrors.get() > 0) {
                System.err.println("AUDIT MISMATCH or errors: " + audited + " call events for " + expected + " requests, "
                        + gatewayErrors.get() + " errors");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    record Result(double throughput, Histogram latency) {
        double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** N calls on a fixed pool of {@code concurrency} threads; latency in µs. */
    static Result run(int n, int concurrency, Callable<Void> call) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong remaining = new AtomicLong(n);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
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
        pool.shutdown();
        return new Result(n / seconds, recorder.getIntervalHistogram());
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
