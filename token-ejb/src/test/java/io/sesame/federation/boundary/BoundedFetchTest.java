package io.sesame.federation.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Resource;
import com.sun.net.httpserver.HttpServer;
import io.sesame.platform.boundary.BoundedFetch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching an issuer's documents from a hostile or broken server on loopback: every way it could hold or misdirect Sesame. */
class BoundedFetchTest {

    HttpServer server;
    String base;
    final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", e -> answer(e, 200, "{\"keys\":[]}"));
        server.createContext("/redirect", e -> {
            e.getResponseHeaders().add("Location", base + "/ok");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.createContext("/missing", e -> answer(e, 404, "no"));
        server.createContext("/huge", e -> answer(e, 200, "x".repeat(70_000)));
        server.createContext("/dribble", e -> {
            e.sendResponseHeaders(200, 0);
            try (OutputStream out = e.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException | IOException ignored) {
                // the client went away: what this test wants
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(com.sun.net.httpserver.HttpExchange e, int status, String body) throws IOException {
        hits.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", "application/json");
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    BoundedFetch fetch(boolean allowLoopback) {
        return new BoundedFetch(Duration.ofMillis(1500), 64 * 1024, allowLoopback, false);
    }

    @Test
    void a_good_document_is_fetched() throws Exception {
        try (BoundedFetch fetch = fetch(true)) {
            Resource resource = fetch.retrieveResource(new URL(base + "/ok"));
            assertThat(resource.getContent()).isEqualTo("{\"keys\":[]}");
            assertThat(resource.getContentType()).isEqualTo("application/json");
        }
    }

    @Test
    void redirects_errors_oversized_and_slow_documents_are_refused() throws Exception {
        try (BoundedFetch fetch = fetch(true)) {
            assertThatThrownBy(() -> fetch.retrieveResource(new URL(base + "/redirect"))).hasMessageContaining("HTTP 302");
            assertThat(hits.get()).as("the redirect was not followed").isZero();
            assertThatThrownBy(() -> fetch.retrieveResource(new URL(base + "/missing"))).hasMessageContaining("HTTP 404");
            assertThatThrownBy(() -> fetch.retrieveResource(new URL(base + "/huge"))).hasMessageContaining("larger than");
            long started = System.nanoTime();
            assertThatThrownBy(() -> fetch.retrieveResource(new URL(base + "/dribble"))).hasMessageContaining("longer than 1500 ms");
            // the dribbling server would take 10 s: the deadline is for the whole fetch, not each read
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void loopback_internal_and_non_https_addresses_are_refused_before_connecting() throws Exception {
        try (BoundedFetch fetch = fetch(false)) {
            assertThatThrownBy(() -> fetch.retrieveResource(new URL(base + "/ok"))).hasMessageContaining("only https");
            assertThatThrownBy(() -> fetch.retrieveResource(new URL("https://127.0.0.1:" + server.getAddress().getPort() + "/ok")))
                    .hasMessageContaining("loopback");
            assertThatThrownBy(() -> fetch.retrieveResource(new URL("https://localhost/ok"))).hasMessageContaining("loopback");
            for (String internal : new String[] {"10.1.2.3", "192.168.1.1", "172.16.0.1", "169.254.169.254", "100.64.0.1", "[fd00::1]",
                    "[fe80::1]", "0.0.0.0"}) {
                assertThatThrownBy(() -> fetch.retrieveResource(new URL("https://" + internal + "/jwks")))
                        .as(internal).hasMessageContaining("internal address");
            }
            assertThatThrownBy(() -> fetch.retrieveResource(new URL("file:///etc/passwd"))).hasMessageContaining("only https");
            assertThat(hits.get()).isZero();
        }
    }

    /** An IssuerKeys discovery against a document server it cannot trust. */
    @Test
    void discovery_checks_the_documents_issuer_and_its_jwks_uri() throws Exception {
        FederationSettings settings = new FederationSettings();
        settings.allowHttpLoopback = true;
        settings.fetchTimeoutMs = 1000;
        settings.jwksCacheSeconds = 60;
        settings.jwksMinRefetchSeconds = 1;
        URI issuer = URI.create("https://issuer.example");
        JWKSelector any = new JWKSelector(new JWKMatcher.Builder().build());

        Map<String, String> documents = new java.util.HashMap<>();
        com.nimbusds.jose.util.ResourceRetriever fake = url -> {
            String body = documents.get(url.toString());
            if (body == null) {
                throw new IOException("404 " + url);
            }
            return new Resource(body, "application/json");
        };
        documents.put("https://issuer.example/.well-known/openid-configuration",
                "{\"issuer\":\"https://evil.example\",\"jwks_uri\":\"https://issuer.example/jwks\"}");
        assertThatThrownBy(() -> new IssuerKeys.Discovered(issuer, fake, settings).get(any, null))
                .isInstanceOf(KeySourceException.class).hasMessageContaining("issuer is not");

        documents.put("https://issuer.example/.well-known/openid-configuration",
                "{\"issuer\":\"https://issuer.example\",\"jwks_uri\":\"file:///etc/passwd\"}");
        assertThatThrownBy(() -> new IssuerKeys.Discovered(issuer, fake, settings).get(any, null))
                .isInstanceOf(KeySourceException.class).hasMessageContaining("jwks_uri");

        var key = new RSAKeyGenerator(2048).keyID("k1").generate();
        documents.put("https://issuer.example/.well-known/openid-configuration",
                "{\"issuer\":\"https://issuer.example\",\"jwks_uri\":\"https://keys.issuer.example/jwks\"}");
        documents.put("https://keys.issuer.example/jwks", new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString());
        assertThat(new IssuerKeys.Discovered(issuer, fake, settings).get(any, null)).extracting(k -> k.getKeyID()).containsExactly("k1");
    }

    @Test
    void remote_text_is_one_printable_log_line() {
        assertThat(IssuerKeys.printable("a\nFAKE\u202Eb")).isEqualTo("a?FAKE?b");
        assertThat(IssuerKeys.printable("x".repeat(1000))).hasSize(301);
    }
}
