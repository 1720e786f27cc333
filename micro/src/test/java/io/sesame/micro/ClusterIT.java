package io.sesame.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sesame as a cluster: two Payara Micro instances of the api war on one PostgreSQL (schema {@code sesame_cluster_it},
 * recreated per run), sharing Payara's data grid over loopback. Started and stopped with the documented command,
 * {@code tools/cluster.sh}, and afterwards by PID whatever is left. Figures go to {@code target/cluster-it/figures.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String SCHEMA = "sesame_cluster_it";
    private static final String ADMIN_DB = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final URI A = URI.create("http://127.0.0.1:18181");
    private static final URI B = URI.create("http://127.0.0.1:18182");
    private static final String SEND = "{\"from\":\"app@example.com\",\"to\":[\"someone@example.net\"],\"subject\":\"%s\",\"text\":\"hello\"}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path root;
    private static Path clusterDir;
    private static String admin;
    private static String applicationId;
    private static final List<String> figures = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startCluster() throws Exception {
        assumeFalse(Boolean.getBoolean("sesame.it.postgres.skip"), "PostgreSQL tests skipped");
        root = Path.of(System.getProperty("sesame.root")).toAbsolutePath().normalize();
        clusterDir = root.resolve("micro/target/cluster-it");
        MicroProcesses.deleteRecursively(clusterDir);
        Files.createDirectories(clusterDir);
        io.sesame.testing.LocalPostgres.ensure(ADMIN_DB); // embedded when none answers (a laptop)
        try (Connection c = DriverManager.getConnection(ADMIN_DB, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
        }
        cluster("start");
        admin = token(A, bootstrapCredentials().getProperty("api.key"));
        applicationId = field(post(A, "/api/v1/admin/applications", admin,
                "{\"name\":\"cluster-it\",\"owner\":\"team-it\",\"contactEmail\":\"it@example.com\"}").body(), "id");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (clusterDir == null) {
            return;
        }
        try {
            cluster("stop");
        } finally {
            for (String instance : List.of("a", "b")) { // whatever the script could not stop
                Path pid = clusterDir.resolve(instance).resolve("pid");
                if (Files.exists(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            Files.write(clusterDir.resolve("figures.txt"), figures);
            figures.forEach(f -> System.out.println("[cluster figures] " + f));
        }
    }

    @Test
    @Order(1)
    void both_instances_form_one_grid_share_signing_keys_and_run_each_job_once() throws Exception {
        assertThat(get(A, "/health/ready", null).body()).contains("\"clusterMembers\":\"2\"");
        assertThat(get(B, "/health/ready", null).body()).contains("\"clusterMembers\":\"2\"");
        assertThat(get(B, "/api/v1/.well-known/jwks.json", null).body())
                .as("one key ring").isEqualTo(get(A, "/api/v1/.well-known/jwks.json", null).body());
        String token = token(A, issueKey(null).apiKey());
        assertThat(check(B, token).statusCode()).as("a token minted by A is valid on B").isEqualTo(200);

        // The alert monitor ticks every second on both instances; the job lease lets one of them run it.
        double a0 = jobRuns(A), b0 = jobRuns(B);
        Thread.sleep(10_000);
        double ranOnA = jobRuns(A) - a0, ranOnB = jobRuns(B) - b0;
        figures.add(String.format("alert monitor in 10 s at a 1 s interval: %.0f runs on A, %.0f on B", ranOnA, ranOnB));
        assertThat(ranOnA + ranOnB).as("one instance at a time (both would make ≈ 20)").isBetween(5.0, 12.0);
    }

    @Test
    @Order(2)
    void a_revocation_through_a_is_refused_on_b_within_a_second() throws Exception {
        List<Long> delays = new ArrayList<>();
        int refusedOnFirstRequest = 0;
        for (int i = 0; i < 5; i++) {
            Key key = issueKey(null);
            String token = token(A, key.apiKey());
            assertThat(check(B, token).statusCode()).isEqualTo(200);
            assertThat(post(A, "/api/v1/admin/keys/" + key.keyId() + "/revoke", admin, null).statusCode()).isEqualTo(200);
            Refusal refusal = awaitRefusal(B, token);
            assertThat(refusal.answer().statusCode()).as("refused on B").isEqualTo(401);
            assertThat(refusal.answer().body()).contains("revoked");
            delays.add(refusal.millis());
            if (refusal.attempts() == 1) {
                refusedOnFirstRequest++;
            }
        }
        Collections.sort(delays);
        figures.add("key revoked on A → refused on B after (ms, 5 keys, including the refused request): " + delays
                + "; refused on the first request after the revocation: " + refusedOnFirstRequest + " of 5");
        assertThat(delays.get(delays.size() - 1)).as("revocation delay (ms)").isLessThan(1000);

        // A token revoked by its holder (RFC 7009) on A.
        String token = token(A, issueKey(null).apiKey());
        assertThat(check(B, token).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(A.resolve("/api/v1/oauth/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);
        Refusal refusal = awaitRefusal(B, token);
        figures.add("access token revoked on A → refused on B after " + refusal.millis() + " ms");
        assertThat(refusal.answer().statusCode()).isEqualTo(401);
        assertThat(refusal.millis()).isLessThan(1000);

        // The clustered CDI events arrived (the version entries alone would also have refused the tokens).
        assertThat(metric(B, "sesame_cluster_notices_received_total", "kind=\"key\"")).isGreaterThanOrEqualTo(5);
        assertThat(metric(B, "sesame_cluster_notices_received_total", "kind=\"token\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void a_key_allowed_10_per_second_gets_about_50_in_5_seconds_through_both_instances() throws Exception {
        String token = token(A, issueKey("\"ratePerSecond\":10").apiKey());
        // Spend the burst (one second's worth) first, so that what follows measures the rate.
        int burst = 0;
        long burstStarted = System.nanoTime();
        while (send(burst % 2 == 0 ? A : B, token, "burst-" + burst, null).statusCode() == 200) {
            burst++;
        }
        double burstSeconds = (System.nanoTime() - burstStarted) / 1e9;
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        long end = System.nanoTime() + 5_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                URI instance = t % 2 == 0 ? A : B;
                int thread = t;
                clients.add(pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        int status = send(instance, token, "rate-" + thread + "-" + n++, null).statusCode();
                        (status == 200 ? accepted : status == 429 ? limited : other).incrementAndGet();
                        Thread.sleep(20);
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        figures.add("rate 10/s, 4 clients on A and B for 5 s after spending the burst of " + burst + String.format(" in %.1f s", burstSeconds)
                + ": accepted "
                + accepted + ", refused 429 " + limited + ", other " + other + " (tolerance 45–55; per-instance limits would give ≈ 100)");
        // One second's worth (10) plus what refills at 10/s while the burst is being sent (slow sends on a busy machine
        // take longer, and more refills); per-instance buckets would give 20 plus 20/s.
        assertThat(burst).as("the burst: one second's worth, once for the cluster, plus the refill of %.1f s", burstSeconds)
                .isBetween(10, 11 + (int) Math.ceil(10 * burstSeconds));
        assertThat(other.get()).isZero();
        assertThat(limited.get()).isPositive();
        assertThat(accepted.get()).as("≈ 10/s × 5 s in total across both instances").isBetween(45, 55);
    }

    @Test
    @Order(4)
    void the_same_idempotency_key_on_a_then_b_sends_one_message() throws Exception {
        String token = token(A, issueKey(null).apiKey());
        String subject = "idempotent-" + UUID.randomUUID();
        HttpResponse<String> first = send(A, token, subject, "retry-1");
        HttpResponse<String> retry = send(B, token, subject, "retry-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(field(retry.body(), "messageId")).isEqualTo(field(first.body(), "messageId"));
        assertThat(retry.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(count("select count(*) from sandbox_message where subject = ?", subject)).isEqualTo(1);
    }

    @Test
    @Order(5)
    void killing_b_during_load_loses_and_duplicates_nothing_and_b_rejoins_and_enforces_revocations_made_meanwhile()
            throws Exception {
        Key key = issueKey(null);
        String token = token(A, key.apiKey());
        Key revokedWhileDown = issueKey(null);
        String tokenRevokedWhileDown = token(B, revokedWhileDown.apiKey());
        String run = UUID.randomUUID().toString().substring(0, 8);

        Map<String, String> outcomes = new ConcurrentHashMap<>(); // subject → "A 200", "B error", …
        AtomicBoolean bKilled = new AtomicBoolean();
        AtomicInteger failuresOnAAfterKill = new AtomicInteger();
        long end = System.nanoTime() + 8_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                clients.add(pool.submit(() -> {
                    for (int n = 0; System.nanoTime() < end; n++) {
                        URI instance = n % 2 == 0 ? A : B;
                        String subject = "kill-" + run + "-" + thread + "-" + n;
                        String label = instance == A ? "A" : "B";
                        try {
                            int status = send(instance, token, subject, subject).statusCode();
                            outcomes.put(subject, label + " " + status);
                            if (instance == A && status != 200 && bKilled.get()) {
                                failuresOnAAfterKill.incrementAndGet();
                            }
                        } catch (IOException e) {
                            outcomes.put(subject, label + " error");
                            if (instance == A) {
                                failuresOnAAfterKill.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(3000);
            long pid = Long.parseLong(Files.readString(clusterDir.resolve("b/pid")).strip());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            bKilled.set(true);
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long okOnA = outcomes.values().stream().filter(o -> o.equals("A 200")).count();
        long failedOnB = outcomes.values().stream().filter(o -> o.startsWith("B") && !o.equals("B 200")).count();
        assertThat(failuresOnAAfterKill.get()).as("A keeps serving while B dies").isZero();
        assertThat(failedOnB).as("B was killed during the load").isPositive();

        // A client retries what failed on B, with the same Idempotency-Key, on A.
        int retriedSent = 0, retriedReplayed = 0, retriedInProgress = 0;
        for (Map.Entry<String, String> outcome : outcomes.entrySet()) {
            if (outcome.getValue().startsWith("B") && !outcome.getValue().equals("B 200")) {
                HttpResponse<String> retry = send(A, token, outcome.getKey(), outcome.getKey());
                if (retry.statusCode() == 409) {
                    retriedInProgress++; // B died between claiming the key and finishing: never sent twice
                } else {
                    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
                    if (retry.headers().firstValue("Idempotency-Replayed").isPresent()) {
                        retriedReplayed++;
                    } else {
                        retriedSent++;
                    }
                }
            }
        }
        figures.add("kill -9 of B during 8 s of load: " + outcomes.size() + " requests, " + okOnA + " answered by A (all 200), "
                + failedOnB + " failed on B; retried on A: " + retriedSent + " sent now, " + retriedReplayed
                + " replayed (B had finished them), " + retriedInProgress + " 409 in progress (B died mid-request)");

        String like = "kill-" + run + "-%";
        assertThat(count("select count(*) from (select subject from sandbox_message where subject like ? "
                + "group by subject having count(*) > 1) twice", like)).as("no message sent twice").isZero();
        // Every message sent has its call event: with the outcome, or — when B died between SES's answer and writing
        // the outcome — the attempt, committed before SES was called, left PENDING (the audit says "outcome unknown").
        long withoutOutcome = count("select count(*) from sandbox_message m where m.subject like ? and not exists "
                + "(select 1 from call_event e where e.ses_message_id = m.message_id)", like);
        long pendingAttempts = count("select count(*) from call_event where key_id = ? and decision = 'PENDING'", key.keyId());
        figures.add("after the kill: " + withoutOutcome + " message(s) sent by B without a recorded outcome, "
                + pendingAttempts + " attempt(s) of the key left PENDING");
        assertThat(withoutOutcome).as("messages whose outcome B could not record have their attempt").isLessThanOrEqualTo(pendingAttempts);
        assertThat(pendingAttempts).as("only requests in flight when B died").isLessThanOrEqualTo(4);
        assertThat(count("select count(*) from sandbox_message where subject like ?", like))
                .as("every request answered 200 was sent").isGreaterThanOrEqualTo(okOnA + retriedSent);

        // Revoked while B is down: B, restarted, must refuse it.
        assertThat(post(A, "/api/v1/admin/keys/" + revokedWhileDown.keyId() + "/revoke", admin, null).statusCode()).isEqualTo(200);
        long restart = System.nanoTime();
        cluster("start", "b");
        figures.add("B restarted and ready in " + (System.nanoTime() - restart) / 1_000_000_000 + " s");
        for (int i = 0; i < 60 && !get(B, "/health/ready", null).body().contains("\"clusterMembers\":\"2\""); i++) {
            Thread.sleep(1000);
        }
        assertThat(get(B, "/health/ready", null).body()).as("B rejoined the grid").contains("\"clusterMembers\":\"2\"");
        assertThat(get(A, "/health/ready", null).body()).contains("\"clusterMembers\":\"2\"");
        HttpResponse<String> refused = check(B, tokenRevokedWhileDown);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.body()).contains("revoked");
        assertThat(send(B, token, "after-restart-" + run, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void the_audit_written_by_both_instances_is_sealed_into_one_chain_that_verifies() throws Exception {
        for (int i = 0; i < 60 && count("select count(*) from call_event where sealed = false and decision <> ?", "PENDING") > 0; i++) {
            Thread.sleep(1000);
        }
        assertThat(count("select count(*) from call_event where sealed = false and decision <> ?", "PENDING"))
                .as("every finished call event sealed").isZero();
        String verified = get(B, "/api/v1/admin/audit/verify", admin).body();
        assertThat(verified).contains("\"ok\":true");
        figures.add("audit chain after the run: " + verified);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** The first answer on the instance that is not a 200 (or the last after 5 s), how long it took and how many tries. */
    private record Refusal(HttpResponse<String> answer, long millis, int attempts) {
    }

    private static Refusal awaitRefusal(URI instance, String token) throws Exception {
        long start = System.nanoTime();
        int attempts = 0;
        HttpResponse<String> answer;
        do {
            answer = check(instance, token);
            attempts++;
        } while (answer.statusCode() == 200 && System.nanoTime() - start < 5_000_000_000L);
        return new Refusal(answer, (System.nanoTime() - start) / 1_000_000, attempts);
    }

    private record Key(String keyId, String apiKey) {
    }

    /** A key of the test application allowed to send from example.com, with extra scope JSON when given. */
    private static Key issueKey(String extraScope) throws Exception {
        String scope = "{\"fromAddresses\":[\"@example.com\"]" + (extraScope == null ? "" : "," + extraScope) + "}";
        HttpResponse<String> issued = post(A, "/api/v1/admin/applications/" + applicationId + "/keys", admin,
                "{\"name\":\"cluster-key\",\"expiresInDays\":30,\"policy\":{\"permissions\":[\"ses:SendEmail\"],\"scope\":" + scope + "}}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return new Key(field(issued.body(), "keyId"), field(issued.body(), "apiKey"));
    }

    private static String token(URI instance, String apiKey) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(instance.resolve("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_secret="
                        + java.net.URLEncoder.encode(apiKey, java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return field(response.body(), "access_token");
    }

    /** The dry run of a send: authenticated and authorized like a send, sends nothing. */
    private static HttpResponse<String> check(URI instance, String token) throws Exception {
        return post(instance, "/api/v1/emails/check", token, String.format(SEND, "check"));
    }

    private static HttpResponse<String> send(URI instance, String token, String subject, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.resolve("/api/v1/emails"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(String.format(SEND, subject)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI instance, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "{}" : json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI instance, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double jobRuns(URI instance) throws Exception {
        return metric(instance, "sesame_job_runs_total", "job=\"alert-monitor\"");
    }

    /** A counter from the instance's /metrics (Prometheus text), 0 when it has no such series yet. */
    private static double metric(URI instance, String name, String label) throws Exception {
        String text = get(instance, "/api/v1/ops/metrics", null).body();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /** A string field of a flat JSON answer (the test needs only a few, all strings). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_DB + "?currentSchema=" + SCHEMA, "postgres", "");
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static Properties bootstrapCredentials() throws IOException {
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(clusterDir.resolve("shared/bootstrap-credentials.properties"))) {
            credentials.load(in);
        }
        return credentials;
    }

    /** Runs the documented cluster command with this test's ports, names and database. */
    private static void cluster(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("tools/cluster.sh").toString()));
        command.addAll(List.of(arguments));
        Path log = clusterDir.resolve("cluster-sh.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SESAME_"));
        env.put("SESAME_CLUSTER_DIR", clusterDir.toString());
        env.put("SESAME_CLUSTER_APPS", "api");
        env.put("SESAME_CLUSTER_NAME", "sesame-cluster-it");
        env.put("SESAME_CLUSTER_HTTP_PORTS", A.getPort() + " " + B.getPort());
        env.put("SESAME_CLUSTER_GRID_PORTS", "16911 16912");
        env.put("SESAME_CLUSTER_HEAP", "384m");
        env.put("SESAME_DB_URL", ADMIN_DB + "?currentSchema=" + SCHEMA);
        env.put("SESAME_DB_USER", "postgres");
        env.put("SESAME_ALERTS_INTERVAL_SECONDS", "1");
        env.put("SESAME_OPS_NETWORKS", "127.0.0.1"); // the figures read each instance's /api/v1/ops/metrics
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("tools/cluster.sh " + String.join(" ", arguments) + " took over 10 minutes; see " + log);
        }
        assertThat(process.exitValue()).as("tools/cluster.sh %s failed; see %s", String.join(" ", arguments), log).isZero();
    }
}
