package io.sesame.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boots the self-contained wars on Payara Micro (embedded H2, loopback only) and checks that Sesame
 * becomes ready and serves both front doors. The process is stopped by PID afterwards.
 */
class MicroSmokeIT {

    private static final int PORT = 18080;
    private static final int TLS_PORT = 18443;
    private static final URI BASE = URI.create("http://127.0.0.1:" + PORT);
    /** A test-only keystore password, given to keytool through its environment as ./sesame does. */
    private static final String STORE_PASSWORD = "micro-smoke-tls-test-only";
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Process micro;
    private static Path log;
    private static Path keystore;

    @BeforeAll
    static void bootPayaraMicro() throws Exception {
        Path dir = Path.of(System.getProperty("sesame.micro.dir"));
        Path dataDir = Path.of(System.getProperty("sesame.micro.data.dir"));
        MicroProcesses.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        log = dataDir.resolve("payara-micro.log");

        // HTTPS as the operator guide says for Payara Micro: the JVM's key store and --sslport/--sslcert.
        keystore = dataDir.resolve("tls.p12");
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sesame", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass:env", "STORE_PASSWORD").redirectErrorStream(true);
        keytool.environment().put("STORE_PASSWORD", STORE_PASSWORD);
        Process generating = keytool.start();
        String keytoolOutput = new String(generating.getInputStream().readAllBytes());
        assertThat(generating.waitFor()).as("keytool: " + keytoolOutput).isZero();

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dhazelcast.socket.bind.any=false", "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl",
                "-Djavax.net.ssl.keyStore=" + keystore, "-Djavax.net.ssl.keyStorePassword=" + STORE_PASSWORD,
                "-Djavax.net.ssl.keyStoreType=PKCS12",
                "-jar", dir.resolve("payara-micro.jar").toString(),
                "--sslport", String.valueOf(TLS_PORT), "--sslcert", "sesame",
                "--deploy", dir.resolve("api.war").toString(),
                "--deploy", dir.resolve("admin.war").toString(),
                "--port", String.valueOf(PORT),
                "--prebootcommandfile", dir.resolve("preboot.txt").toString(),
                "--nocluster",
                "--interfaces", "127.0.0.1", "--hzpublicaddress", "127.0.0.1", "--startport", "16900",
                "--rootdir", dataDir.resolve("micro-root").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SESAME_DATA_DIR", dataDir.toString());
        builder.environment().put("SESAME_TOKEN_PEPPER", "micro-smoke-test-only-pepper-0123456789abcdef");
        builder.environment().put("SESAME_SIGNING_ENCRYPTION_KEY", "bWljcm8tc21va2UtdGVzdC1vbmx5LWFlcy1rZXkhISE=");
        builder.environment().put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", BASE + "/api/v1/.well-known/jwks.json");
        builder.environment().remove("SESAME_DB_URL");
        builder.environment().put("SESAME_OPS_NETWORKS", "127.0.0.1"); // the operator endpoints, read below from loopback
        // Cluster mode on a one-member grid: how the two wars of one instance share revocations (README).
        builder.environment().put("SESAME_CLUSTER_ENABLED", "true");
        micro = builder.start();
    }

    @AfterAll
    static void stopPayaraMicro() throws InterruptedException {
        MicroProcesses.stop(micro);
    }

    @Test
    void micro_wars_become_ready_and_serve_api_and_portal() throws Exception {
        HttpResponse<String> ready = await("/health/ready", "\"sesame\"");
        assertThat(ready.body()).contains("\"h2\"");
        assertThat(ready.body()).as("cluster mode under --nocluster").contains("\"clusterMembers\":\"1\"");

        HttpResponse<String> index = get("/api/v1");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("\"name\":\"Sesame\"");

        HttpResponse<String> payaraMetrics = get("/metrics");
        assertThat(payaraMetrics.statusCode()).as("Payara Micro's own /metrics is closed by the preboot").isNotEqualTo(200);
        assertThat(payaraMetrics.body()).doesNotContain("# TYPE");
        HttpResponse<String> opsMetrics = get("/api/v1/ops/metrics");
        assertThat(opsMetrics.statusCode()).as("Sesame's, from loopback").isEqualTo(200);
        assertThat(opsMetrics.body()).contains("# TYPE");

        HttpResponse<String> missing = get("/api/v1/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");

        // Micro deploys the wars one after the other: readiness may answer before the portal is up.
        HttpResponse<String> portal = await("/admin/login.xhtml", "Sign in");
        assertThat(portal.headers().firstValue("Content-Security-Policy")).isPresent();
        HttpResponse<String> protectedPage = get("/admin/index.xhtml");
        assertThat(protectedPage.statusCode()).as("the portal needs a sign-in").isEqualTo(302);
        assertThat(protectedPage.headers().firstValue("Location")).get().asString().endsWith("/admin/login.xhtml");

        // Two wars, one database: only one of them bootstrapped it.
        Path credentials = Path.of(System.getProperty("sesame.micro.data.dir"), "bootstrap-credentials.properties");
        assertThat(credentials).exists();
    }

    private static HttpResponse<String> await(String path, String expected) throws Exception {
        return MicroProcesses.awaitOk(micro, log, BASE, path, expected, STARTUP_LIMIT);
    }

    @Test
    void over_https_with_its_own_certificate_the_session_cookie_is_secure_http_only_and_same_site_strict_and_hsts_is_sent()
            throws Exception {
        await("/admin/login.xhtml", "Sign in");
        java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            trusted.load(in, STORE_PASSWORD.toCharArray());
        }
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
        URI secure = URI.create("https://localhost:" + TLS_PORT);

        HttpResponse<String> api = https.send(HttpRequest.newBuilder(secure.resolve("/api/v1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as("served with the configured certificate (verified, not trusted blindly)").isEqualTo(200);
        assertThat(api.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");

        HttpResponse<String> login = https.send(HttpRequest.newBuilder(secure.resolve("/admin/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
        assertThat(session).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        HttpResponse<String> plain = get("/api/v1");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).as("not over plain HTTP").isEmpty();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
