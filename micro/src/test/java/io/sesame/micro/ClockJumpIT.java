package io.sesame.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's clock jump, on Payara Micro: the instance's wall clock is stepped 2 hours forward and then back
 * (an LD_PRELOAD shim, src/test/c/clockshift.c, compiled here with gcc, shifts CLOCK_REALTIME for that process only).
 * Sesame must fail closed — a token expired by the new time is refused, and so is one minted in the "future" once the
 * clock is back (else it would live its lifetime again) — and serve again by itself as soon as the client exchanges its
 * key; nothing is sent twice, every send is audited and the audit chain still verifies.
 */
class ClockJumpIT {

    private static final int PORT = 18082;
    private static final URI BASE = URI.create("http://127.0.0.1:" + PORT);
    private static final long JUMP_SECONDS = 7200;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Process micro;
    private static Path log;
    private static Path shiftFile;
    private static Path dataDir;

    @BeforeAll
    static void bootWithShiftableClock() throws Exception {
        dataDir = Path.of(System.getProperty("sesame.micro.data.dir")).resolveSibling("micro-clock-data");
        MicroProcesses.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        log = dataDir.resolve("payara-micro.log");
        Path shim = dataDir.resolve("clockshift.so");
        Path source = Path.of(System.getProperty("sesame.root"), "micro", "src", "test", "c", "clockshift.c");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-o", shim.toString(), source.toString(), "-ldl")
                .redirectErrorStream(true).start();
        String gccOutput = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0).as("gcc: " + gccOutput).isTrue();
        shiftFile = dataDir.resolve("clock-shift-seconds");
        Files.writeString(shiftFile, "0");

        ProcessBuilder builder = new ProcessBuilder(MicroProcesses.apiOnlyInstance(dataDir, PORT, 16930))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SESAME_"));
        env.put("LD_PRELOAD", shim.toString());
        env.put("CLOCKSHIFT_FILE", shiftFile.toString());
        env.put("SESAME_DATA_DIR", dataDir.toString());
        env.put("SESAME_TOKEN_PEPPER", "micro-clock-test-only-pepper-0123456789abcdef");
        env.put("SESAME_SIGNING_ENCRYPTION_KEY", "bWljcm8tY2xvY2stdGVzdC1vbmx5LWFlcy1rZXkhISE=");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", BASE + "/api/v1/.well-known/jwks.json");
        micro = builder.start();
        MicroProcesses.awaitOk(micro, log, BASE, "/health/ready", "\"sesame\"", Duration.ofMinutes(4));
        MicroProcesses.awaitOk(micro, log, BASE, "/api/v1", "Sesame", Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        MicroProcesses.stop(micro);
    }

    @Test
    void a_wall_clock_step_forward_and_back_fails_closed_and_sesame_serves_again_by_itself() throws Exception {
        Properties bootstrap = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("bootstrap-credentials.properties"))) {
            bootstrap.load(in);
        }
        String bootstrapKey = bootstrap.getProperty("api.key");
        String admin = token(bootstrapKey);
        String app = field(ok(post("/api/v1/admin/applications", admin, "{\"name\":\"clock-" + UUID.randomUUID()
                + "\",\"owner\":\"it\",\"contactEmail\":\"it@example.com\"}")), "id");
        String key = ok(post("/api/v1/admin/applications/" + app + "/keys", admin,
                "{\"name\":\"clock\",\"expiresInDays\":30,\"policy\":{\"permissions\":[\"ses:SendEmail\"]}}"));
        String apiKey = field(key, "apiKey");
        String keyId = field(key, "keyId");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> sentOk = new ArrayList<>();
        Map<Integer, Integer> answers = new HashMap<>();

        String before = token(apiKey);
        assertThat(send(before, "clock-" + run + "-1", sentOk, answers)).isEqualTo(200);

        // Two hours forward: the token minted before is expired by the new time, and refused.
        long forward = jump(JUMP_SECONDS, apiKey);
        assertThat(send(before, "clock-" + run + "-2", sentOk, answers)).as("expired by the new time: fail closed").isEqualTo(401);
        String minted = token(apiKey);
        assertThat(send(minted, "clock-" + run + "-3", sentOk, answers)).isEqualTo(200);
        double forwardRecovery = (System.nanoTime() - forward) / 1e9;

        // Back to the real time: the token minted "in the future" (and verified, so cached) would live 2 h 5 min; refused.
        long back = jump(0, apiKey);
        int replayed = send(minted, "clock-" + run + "-4", sentOk, answers);
        assertThat(replayed).as("a token issued in the future by the server's clock is refused").isEqualTo(401);
        String fresh = token(apiKey);
        assertThat(send(fresh, "clock-" + run + "-5", sentOk, answers)).isEqualTo(200);
        double backRecovery = (System.nanoTime() - back) / 1e9;

        // The books: nothing sent twice, every send audited, the chain (events stamped out of order) still verifies.
        String auditor = token(bootstrapKey);
        Map<String, Integer> messages = new HashMap<>();
        Matcher subjects = Pattern.compile("\"subject\"\\s*:\\s*\"(clock-" + run + "-\\d+)\"")
                .matcher(ok(get("/api/v1/admin/sandbox/messages?limit=1000", auditor)));
        while (subjects.find()) {
            messages.merge(subjects.group(1), 1, Integer::sum);
        }
        assertThat(messages.keySet()).as("what was answered 200 was sent").containsExactlyInAnyOrderElementsOf(sentOk);
        assertThat(messages.values()).as("no double sends").allMatch(n -> n == 1);
        String export = get("/api/v1/admin/audit/calls/export?format=jsonl&key=" + keyId, auditor).body();
        long allowed = export.lines().filter(l -> l.contains("\"decision\":\"allowed\"")).count();
        assertThat(allowed).as("every send has its audit row").isEqualTo(sentOk.size());
        String verified = awaitChainVerifies(auditor);
        assertThat(verified).as("the audit chain verifies, every event sealed (the sealer's timer survives the steps)")
                .contains("\"ok\":true").contains("\"unsealed\":0");

        String line = String.format(Locale.ROOT, "clock-jump (Micro) %d requests  answers %s  double sends 0  lost audit rows 0  "
                + "unexplained 5xx 0  recovery %.1f s (+2 h) / %.1f s (-2 h), re-exchanging the key", answers.values().stream()
                .mapToInt(Integer::intValue).sum(), answers, forwardRecovery, backRecovery);
        System.out.println(line);
        Path out = Path.of("target", "faults", "micro-clock.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line + System.lineSeparator());
    }

    /**
     * Steps the instance's wall clock to real time + {@code seconds}; returns (nanoTime) when the instance shows it: the
     * issue time of a token it mints (Payara Micro sends no Date header).
     */
    private static long jump(long seconds, String apiKey) throws Exception {
        Files.writeString(shiftFile, Long.toString(seconds));
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            String token = token(apiKey);
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            Matcher iat = Pattern.compile("\"iat\"\\s*:\\s*(\\d+)").matcher(payload);
            assertThat(iat.find()).as(payload).isTrue();
            long expected = Instant.now().getEpochSecond() + seconds;
            if (Math.abs(Long.parseLong(iat.group(1)) - expected) <= 5) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the instance's clock did not move by " + seconds + " s; is the shim loaded? see " + log);
    }

    /** The verification once the events since the jumps are sealed (the sealer runs every 5 s), or the last answer. */
    private static String awaitChainVerifies(String admin) throws Exception {
        String last = null;
        for (int i = 0; i < 30; i++) {
            last = ok(get("/api/v1/admin/audit/verify", admin));
            if (last.contains("\"ok\":true") && last.contains("\"unsealed\":0")) {
                return last;
            }
            Thread.sleep(1000);
        }
        return last;
    }

    private static int send(String token, String subject, List<String> sentOk, Map<Integer, Integer> answers) throws Exception {
        HttpResponse<String> response = post("/api/v1/emails", token, "{\"from\":\"noreply@example.com\",\"to\":[\"a@example.net\"],"
                + "\"subject\":\"" + subject + "\",\"text\":\"t\"}");
        answers.merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() == 200) {
            sentOk.add(subject);
        }
        return response.statusCode();
    }

    private static String token(String apiKey) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(BASE.resolve("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_secret="
                        + URLEncoder.encode(apiKey, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return field(response.body(), "access_token");
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
