package io.sesame.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault scenario against the running Sesame: a fresh application and key, {@value #WORKERS} clients sending (and,
 * for STS, vending) without pause; healthy for {@link #WARM}, then the fault for a while, then healthy again until a
 * request started after the fault ended succeeds. Then the books are checked: the SES emulator's messages against the
 * answers and the audit trail, by request id (each request's X-Request-Id and subject are the same unique marker).
 */
final class FaultLoad {

    static final int WORKERS = 4;
    static final Duration WARM = Duration.ofSeconds(2);
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final Pattern AUDIT_ID = Pattern.compile("\\(audit (\\d+)\\)");

    interface Step {
        void run() throws Exception;
    }

    /**
     * One request and Sesame's answer (status 0: no answer at all). {@code marker} names the message (subject and
     * Idempotency-Key); a client's retry of it has the same marker and its own request id.
     */
    record Answer(String requestId, String marker, String op, long startNanos, long endNanos, int status, String code, String body,
                  boolean replayed) {
    }

    /** What a scenario came to; {@code problems} names every violated guarantee. */
    record Tally(String scenario, int requests, SortedMap<Integer, Integer> byStatus, SortedMap<Integer, Integer> firstAnswers,
                 SortedMap<String, Integer> refusals,
                 int doubleSends, int lostAuditRows, int unexplained5xx, double recoverySeconds, List<String> problems) {

        String line() {
            return String.format(java.util.Locale.ROOT, "%-16s %5d requests  answers %-30s double sends %d  lost audit rows %d  "
                    + "unexplained 5xx %d  recovery %.1f s  refusals %s", scenario, requests, byStatus, doubleSends, lostAuditRows,
                    unexplained5xx, recoverySeconds, refusals);
        }
    }

    private final String scenario;
    private Set<String> explained = Set.of();
    private Step fault = () -> { };
    private Step recover = () -> { };
    private Duration faultFor = Duration.ofSeconds(5);
    private boolean vend;
    private long maxUnknown = 2L * WORKERS;

    private FaultLoad(String scenario) {
        this.scenario = scenario;
    }

    static FaultLoad scenario(String name) {
        return new FaultLoad(name);
    }

    /** The problem codes Sesame may answer while this fault lasts (each a clear, documented refusal). */
    FaultLoad explained(String... codes) {
        explained = Set.of(codes);
        return this;
    }

    FaultLoad fault(Step start, Duration lasting, Step end) {
        fault = start;
        faultFor = lasting;
        recover = end;
        return this;
    }

    /** Unknown outcomes this fault may cause (default: only requests in flight when the proxy switches, 2 × workers). */
    FaultLoad unknownOutcomes(long atMost) {
        maxUnknown = atMost;
        return this;
    }

    /** Half the requests vend STS credentials instead of sending; recovery is then counted on the vends. */
    FaultLoad vending() {
        vend = true;
        return this;
    }

    Tally run() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "fault-" + scenario);
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("ses:SendEmail", "sesame:VendAwsCredentials"));
        String keyId = key.getString("keyId");
        String token = SesameClient.token(key.getString("apiKey"));

        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            clients.execute(() -> {
                while (running.get()) {
                    int n = sequence.incrementAndGet();
                    String op = vend && n % 2 == 0 ? "vend" : "send";
                    String marker = scenario + "-" + n;
                    answers.add(call(token, marker, marker, op));
                }
            });
        }
        Thread.sleep(WARM.toMillis());
        fault.run();
        Thread.sleep(faultFor.toMillis());
        recover.run();
        long faultEnded = System.nanoTime();
        String recoveryOp = vend ? "vend" : "send";
        long recoveredAt = -1;
        long deadline = faultEnded + RECOVERY_LIMIT.toNanos();
        while (recoveredAt < 0 && System.nanoTime() < deadline) {
            recoveredAt = answers.stream().filter(a -> a.op().equals(recoveryOp) && a.startNanos() > faultEnded && a.status() == 200)
                    .mapToLong(Answer::endNanos).min().orElse(-1);
            Thread.sleep(50);
        }
        Thread.sleep(1_000); // a second of health after recovery, to see it stay
        running.set(false);
        clients.shutdown();
        if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
        double recovery = recoveredAt < 0 ? Double.POSITIVE_INFINITY : Math.max(0, recoveredAt - faultEnded) / 1e9;
        // A well-behaved client retries what failed, with the same Idempotency-Key: what may have been sent (504) must be
        // replayed, never sent again; what was not sent (429, 502, 503) may go now, once.
        List<Answer> failedSends = answers.stream().filter(a -> a.op().equals("send") && a.status() != 200).limit(MAX_RETRIES).toList();
        for (Answer failed : failedSends) {
            answers.add(call(token, failed.marker() + "-retry", failed.marker(), "retry"));
        }
        return check(List.copyOf(answers), keyId, recovery);
    }

    /** Client retries after a scenario (each one request). */
    static final int MAX_RETRIES = 40;

    private static Answer call(String token, String requestId, String marker, String op) {
        long start = System.nanoTime();
        try {
            HttpRequest.Builder request = "vend".equals(op)
                    ? HttpRequest.newBuilder(Http.uri("/api/v1/credentials/aws"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"durationSeconds\":900}"))
                    : HttpRequest.newBuilder(Http.uri("/api/v1/emails")).header("Idempotency-Key", marker)
                        .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("from", "noreply@example.com")
                                .add("to", Json.createArrayBuilder().add("someone@example.net")).add("subject", marker)
                                .add("text", "fault suite").build().toString()));
            HttpResponse<String> response = Http.send(request.header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("X-Request-Id", requestId));
            return new Answer(requestId, marker, op, start, System.nanoTime(), response.statusCode(), code(response.body()), response.body(),
                    response.headers().firstValue("Idempotency-Replayed").isPresent());
        } catch (IOException | InterruptedException e) {
            return new Answer(requestId, marker, op, start, System.nanoTime(), 0, "no_answer", String.valueOf(e), false);
        }
    }

    private static String code(String body) {
        try {
            JsonValue json = Http.parse(body);
            return json instanceof JsonObject o && o.containsKey("code") ? o.getString("code") : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private Tally check(List<Answer> answers, String keyId, double recovery) throws Exception {
        List<String> problems = new ArrayList<>();
        SortedMap<Integer, Integer> byStatus = new TreeMap<>();
        answers.forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
        SortedMap<Integer, Integer> firstAnswers = new TreeMap<>();
        answers.stream().filter(a -> !a.op().equals("retry")).forEach(a -> firstAnswers.merge(a.status(), 1, Integer::sum));
        SortedMap<String, Integer> refusals = new TreeMap<>();
        answers.stream().filter(a -> a.status() != 200).forEach(a -> refusals.merge(a.status() + " " + a.code(), 1, Integer::sum));

        int unexplained = 0;
        for (Answer a : answers) {
            boolean clear = a.status() == 200 || a.code() != null && explained.contains(a.code())
                    || a.op().equals("retry") && "idempotency_in_progress".equals(a.code()); // the first try's key is still held
            if (!clear) {
                if (a.status() >= 500 || a.status() == 0) {
                    unexplained++;
                }
                problems.add("unexplained answer to " + a.requestId() + " (" + a.op() + "): " + a.status() + " " + abbreviate(a.body()));
            }
        }

        Map<String, List<JsonObject>> audit = auditByRequest(keyId);
        Map<String, Integer> sent = emulatorMessagesByRequest();
        Map<String, List<Answer>> byMarker = new HashMap<>();
        answers.stream().filter(a -> !a.op().equals("vend")).forEach(a -> byMarker.computeIfAbsent(a.marker(), k -> new ArrayList<>()).add(a));
        int doubleSends = 0;
        int lost = 0;
        for (Map.Entry<String, Integer> message : sent.entrySet()) {
            String marker = message.getKey();
            if (message.getValue() > 1) {
                doubleSends += message.getValue() - 1;
                problems.add(marker + " reached SES " + message.getValue() + " times");
            }
            boolean recorded = byMarker.getOrDefault(marker, List.of()).stream()
                    .flatMap(a -> audit.getOrDefault(a.requestId(), List.of()).stream())
                    .anyMatch(row -> Set.of("allowed", "failed").contains(row.getString("decision")));
            if (!recorded) {
                lost++;
                problems.add(marker + " reached SES without an audit row of the request that sent it");
            }
            // it reached SES, so some answer must have said so or said "maybe": never a plain refusal only
            boolean toldTheClient = byMarker.getOrDefault(marker, List.of()).stream()
                    .anyMatch(a -> a.status() == 200 || a.status() == 504 || a.status() == 0);
            if (!toldTheClient) {
                problems.add(marker + " reached SES but every answer said it was not sent: " + byMarker.get(marker).stream()
                        .map(a -> a.status() + " " + a.code()).toList());
            }
        }
        for (Answer a : answers) {
            if (a.op().equals("vend")) {
                continue;
            }
            List<JsonObject> rows = audit.getOrDefault(a.requestId(), List.of());
            if (rows.size() > 1) {
                problems.add(a.requestId() + " has " + rows.size() + " audit rows");
            }
            rows.stream().filter(r -> "pending".equals(r.getString("decision")))
                    .forEach(r -> problems.add(a.requestId() + " left its audit row pending: its outcome was never written"));
            if (a.status() == 200 && !a.replayed()) {
                String messageId = ((JsonObject) Http.parse(a.body())).getString("messageId");
                boolean recorded = rows.stream().anyMatch(r -> "allowed".equals(r.getString("decision"))
                        && messageId.equals(r.getString("sesMessageId", null)));
                if (!recorded) {
                    lost++;
                    problems.add(a.requestId() + " answered 200 (" + messageId + ") but the audit does not show it sent: " + rows);
                }
                if (!sent.containsKey(a.marker())) {
                    problems.add(a.requestId() + " answered 200 but never reached SES");
                }
            } else if (!a.replayed()) {
                Matcher id = AUDIT_ID.matcher(a.body());
                if (id.find() && rows.stream().noneMatch(r -> id.group(1).equals(String.valueOf(r.getJsonNumber("id").longValue())))) {
                    lost++;
                    problems.add(a.requestId() + " names audit " + id.group(1) + ", which is not in the trail");
                }
            }
            if (a.op().equals("retry")) {
                Answer first = byMarker.get(a.marker()).get(0);
                if (first.status() == 504 && !(a.status() == 504 && a.replayed() || a.status() == 409)) {
                    problems.add(a.requestId() + ": a retry of what may have been sent must replay its 504 (or wait), not "
                            + a.status() + " " + abbreviate(a.body()));
                }
            }
        }
        long unknown = answers.stream().filter(a -> "ses_outcome_unknown".equals(a.code()) && !a.replayed()).count();
        if (unknown > maxUnknown) {
            problems.add(unknown + " unknown outcomes where at most " + maxUnknown + " (requests in flight at a switch) may be");
        }
        return new Tally(scenario, answers.size(), byStatus, firstAnswers, refusals, doubleSends, lost, unexplained, recovery, problems);
    }

    /** The key's call events by request id, once no outcome is pending any more (outcomes held back by a fault are retried). */
    private static Map<String, List<JsonObject>> auditByRequest(String keyId) throws Exception {
        Map<String, List<JsonObject>> byRequest = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String admin = SesameClient.token(SesameClient.bootstrapKey());
            HttpResponse<String> export = SesameClient.get("/api/v1/admin/audit/calls/export?format=jsonl&key=" + keyId, admin);
            if (export.statusCode() != 200) {
                throw new AssertionError("audit export failed: " + export.statusCode() + " " + export.body());
            }
            byRequest.clear();
            boolean pending = false;
            for (String line : export.body().split("\n")) {
                if (!line.isBlank()) {
                    JsonObject row = (JsonObject) Http.parse(line);
                    byRequest.computeIfAbsent(row.getString("requestId", ""), k -> new ArrayList<>()).add(row);
                    pending |= "pending".equals(row.getString("decision"));
                }
            }
            if (!pending || System.nanoTime() > deadline) {
                return byRequest;
            }
            Thread.sleep(500);
        }
    }

    /** How many times each of this scenario's requests reached the SES emulator (the subject is the request id). */
    private Map<String, Integer> emulatorMessagesByRequest() throws Exception {
        HttpResponse<String> store = Http.send(HttpRequest.newBuilder(ItEnvironment.sesEndpoint().resolve("/store")).GET());
        Map<String, Integer> counts = new HashMap<>();
        for (JsonObject email : Http.json(store).getJsonArray("emails").getValuesAs(JsonObject.class)) {
            String subject = email.getString("subject", "");
            if (subject.startsWith(scenario + "-")) {
                counts.merge(subject, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String abbreviate(String body) {
        String flat = String.valueOf(body).replace('\n', ' ');
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
