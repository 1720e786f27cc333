package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leaked-key reporting end to end: a GitHub double publishes its secret scanning key list on loopback and signs reports
 * with a generated ECDSA P-256 key, as GitHub does; the reported key is revoked at once, the event names where it was
 * found, an alert goes to the operators and the key's application; forged, tampered and malformed reports change nothing.
 */
@ExtendWith({FreshDatabase.class, SesEmulator.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeakIT {

    static final String KEY_ID = "sesame-it-scanning-key";

    @Deployment(name = "sesame", testable = false)
    static EnterpriseArchive sesame() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sesame.ear")));
    }

    static HttpServer github;
    static KeyPair scanner;
    static KeyPair stranger;
    static String admin;
    static String application;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        scanner = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(scanner.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        byte[] list = Json.createObjectBuilder().add("public_keys", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("key_identifier", KEY_ID).add("key", pem).add("is_current", true))).build().toString().getBytes(StandardCharsets.UTF_8);
        github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 18095), 0);
        github.createContext("/meta/public_keys/secret_scanning", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, list.length);
            exchange.getResponseBody().write(list);
            exchange.close();
        });
        github.start();
    }

    @AfterAll
    static void stop() {
        if (github != null) {
            github.stop(0);
        }
    }

    static String sign(KeyPair key, byte[] body) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update(body);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    static HttpResponse<String> report(byte[] body, String keyId, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Http.uri("/api/v1/leaks/github"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (keyId != null) {
            request.header("Github-Public-Key-Identifier", keyId);
        }
        if (signature != null) {
            request.header("Github-Public-Key-Signature", signature);
        }
        return Http.send(request);
    }

    static JsonArray array(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(1)
    void a_key_github_finds_in_public_code_is_revoked_at_once_recorded_and_alerted_to_its_owner() throws Exception {
        admin = SesameClient.token(SesameClient.bootstrapKey());
        application = SesameClient.createApplication(admin, "leaky");
        JsonObject key = SesameClient.issueKey(admin, application, SesameClient.policy("ses:SendEmail"));
        String apiKey = key.getString("apiKey");
        String keyId = key.getString("keyId");
        String token = SesameClient.token(apiKey);
        String foundAt = "https://github.com/acme/leaky/blob/2f1c0ffee/.env";
        String invented = io.sesame.token.control.ApiKeyFormat.withKeyId(keyId, new java.security.SecureRandom()).reveal();
        byte[] body = ("[{\"token\":\"" + apiKey + "\",\"type\":\"sesame_api_key\",\"url\":\"" + foundAt + "\",\"source\":\"content\"},"
                + "{\"token\":\"" + invented + "\",\"type\":\"sesame_api_key\",\"url\":\"https://github.com/x/y\",\"source\":\"content\"},"
                + "{\"token\":\"sesame_notevenchecksummed\",\"type\":\"sesame_api_key\",\"url\":\"https://github.com/x/z\"}]")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = report(body, KEY_ID, sign(scanner, body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonArray labels = array(answer.body());
        assertThat(labels).hasSize(3);
        assertThat(labels.getJsonObject(0).getString("label")).isEqualTo("true_positive");
        assertThat(labels.getJsonObject(0).getString("token_hash")).isEqualTo(sha256(apiKey));
        assertThat(labels.getJsonObject(0).getString("token_type")).isEqualTo("sesame_api_key");
        assertThat(labels.getJsonObject(1).getString("label")).as("the key's id with an invented secret").isEqualTo("false_positive");
        assertThat(labels.getJsonObject(2).getString("label")).isEqualTo("false_positive");
        assertThat(answer.body()).as("never a secret back").doesNotContain(apiKey);

        HttpResponse<String> exchange = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", apiKey));
        assertThat(exchange.statusCode()).isEqualTo(401);
        assertThat(exchange.body()).contains("revoked");
        assertThat(SesameClient.get("/api/v1/account", token).statusCode()).as("its tokens die with it").isEqualTo(401);

        JsonObject events = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=key.leak-reported&targetType=api-key&targetId="
                + keyId, admin));
        assertThat(events.getJsonArray("items")).hasSize(1);
        JsonObject event = events.getJsonArray("items").getJsonObject(0);
        assertThat(event.getString("detail")).contains(foundAt).contains("by github").contains("key revoked");
        assertThat(event.getString("actor")).isEqualTo("scanner:github");

        // the alert monitor runs every 2 s in the tests: the leak becomes an alert to operators and to the application
        JsonObject alert = null;
        for (int i = 0; i < 40 && alert == null; i++) {
            JsonObject open = Http.json(SesameClient.get("/api/v1/admin/alerts?status=all&key=" + keyId, admin));
            alert = open.getJsonArray("items").stream().map(JsonObject.class::cast).filter(a -> a.getString("rule").equals("key-leaked"))
                    .findFirst().orElse(null);
            if (alert == null) {
                Thread.sleep(500);
            }
        }
        assertThat(alert).as("a key-leaked alert").isNotNull();
        JsonObject detail = Http.json(SesameClient.get("/api/v1/admin/alerts/" + alert.getJsonNumber("id").longValue(), admin));
        assertThat(detail.getJsonArray("notifications").stream().map(JsonObject.class::cast).map(n -> n.getString("target")))
                .as("the application's contact is told").contains("it@example.com");
    }

    @Test
    @Order(2)
    void forged_tampered_unsigned_and_malformed_reports_change_nothing() throws Exception {
        JsonObject key = SesameClient.issueKey(admin, application, SesameClient.policy("ses:SendEmail"));
        String apiKey = key.getString("apiKey");
        byte[] body = ("[{\"token\":\"" + apiKey + "\",\"type\":\"sesame_api_key\",\"url\":\"https://github.com/a/b\"}]")
                .getBytes(StandardCharsets.UTF_8);
        String genuine = sign(scanner, body);
        Map<String, HttpResponse<String>> attempts = new java.util.LinkedHashMap<>();
        attempts.put("signed by a stranger", report(body, KEY_ID, sign(stranger, body)));
        attempts.put("an unknown key identifier", report(body, "no-such-key", genuine));
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("a/b", "a/c").getBytes(StandardCharsets.UTF_8);
        attempts.put("tampered after signing", report(tampered, KEY_ID, genuine));
        attempts.put("garbage signature", report(body, KEY_ID, "bm90IGEgc2lnbmF0dXJl"));
        for (Map.Entry<String, HttpResponse<String>> attempt : attempts.entrySet()) {
            assertThat(attempt.getValue().statusCode()).as(attempt.getKey() + ": " + attempt.getValue().body()).isEqualTo(401);
            assertThat(Http.json(attempt.getValue()).getString("code")).isEqualTo("signature_invalid");
        }
        assertThat(report(body, null, null).statusCode()).as("unsigned").isEqualTo(400);
        assertThat(report(body, KEY_ID, null).statusCode()).isEqualTo(400);
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        assertThat(report(notJson, KEY_ID, sign(scanner, notJson)).statusCode()).as("signed, but not JSON").isEqualTo(400);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"token\":\"t").append(i).append("\"}");
        }
        byte[] tooMany = many.append("]").toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> bounded = report(tooMany, KEY_ID, sign(scanner, tooMany));
        assertThat(bounded.statusCode()).as(bounded.body()).isEqualTo(400);
        assertThat(SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", apiKey)).statusCode())
                .as("the key survived every forged report").isEqualTo(200);
    }

    @Test
    @Order(3)
    void any_scanner_reports_through_the_admin_endpoint_with_its_own_permission() throws Exception {
        JsonObject scannerKey = SesameClient.issueKey(admin, SesameClient.createApplication(admin, "gitleaks-ci"),
                SesameClient.policy("sesame:ReportLeakedKeys"));
        String scannerToken = SesameClient.token(scannerKey.getString("apiKey"));
        JsonObject victim = SesameClient.issueKey(admin, application, SesameClient.policy("ses:SendEmail"));
        JsonObject body = Json.createObjectBuilder().add("keys", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("key", victim.getString("apiKey")).add("url", "https://gitlab.example.com/x/-/blob/main/app.yml")
                        .add("source", "gitleaks"))
                .add(Json.createObjectBuilder().add("key", "sesame_nope"))).build();
        HttpResponse<String> answer = SesameClient.post("/api/v1/admin/leaks", scannerToken, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonArray items = Http.json(answer).getJsonArray("items");
        assertThat(items.getJsonObject(0).getString("label")).isEqualTo("true_positive");
        assertThat(items.getJsonObject(0).getString("keyId")).isEqualTo(victim.getString("keyId"));
        assertThat(items.getJsonObject(1).getString("label")).isEqualTo("false_positive");
        assertThat(items.getJsonObject(1)).doesNotContainKey("keyId");
        assertThat(SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", victim.getString("apiKey")))
                .statusCode()).isEqualTo(401);

        String sender = SesameClient.token(SesameClient.issueKey(admin, application, SesameClient.policy("ses:SendEmail")).getString("apiKey"));
        assertThat(SesameClient.post("/api/v1/admin/leaks", sender, body).statusCode()).as("without the permission").isEqualTo(403);
        assertThat(SesameClient.post("/api/v1/admin/leaks", scannerToken, Json.createObjectBuilder().add("keys", "x").build()).statusCode())
                .isEqualTo(400);
        assertThat(SesameClient.post("/api/v1/admin/leaks", scannerToken, Json.createObjectBuilder().build()).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void the_portal_dashboard_lists_the_leak_reports() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open("/admin/login.xhtml");
            browser.type("[id='login:username']", "admin");
            browser.type("[id='login:password']", PortalIT.adminPassword());
            browser.click("[id='login:submit']");
            browser.open("/admin/index.xhtml");
            String panel = browser.text("#leak-reports");
            assertThat(panel).contains("https://github.com/acme/leaky/blob/2f1c0ffee/.env").contains("scanner:github").contains("key revoked");
            browser.screenshot("leak-reports");
        }
    }
}
