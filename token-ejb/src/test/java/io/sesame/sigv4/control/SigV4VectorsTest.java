package io.sesame.sigv4.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AWS's published SigV4 test suite (awslabs/aws-c-auth, a copy with its licence in src/test/resources): every
 * header-signed request verifies at its timestamp, our canonical request equals the published one, and every
 * tampering — a signed header, the path, the query, the body, the secret, the clock — is refused.
 */
class SigV4VectorsTest {

    static final Path SUITE = suite();

    static Path suite() {
        try {
            return Path.of(SigV4VectorsTest.class.getResource("/aws-sigv4-test-suite").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(SUITE)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    record Case(SigV4Verifier verifier, SigV4Verifier.Request request, String accessKey, String secret, Instant at,
                String canonical) {
    }

    static Case load(String name) throws IOException {
        Path dir = SUITE.resolve(name);
        JsonObject context = Json.createReader(new StringReader(Files.readString(dir.resolve("context.json")))).readObject();
        SigV4Verifier verifier = new SigV4Verifier(context.getString("service"), Set.of(context.getString("region")),
                Duration.ofMinutes(5), context.getBoolean("normalize"));
        return new Case(verifier, parse(Files.readString(dir.resolve("header-signed-request.txt"), StandardCharsets.UTF_8)),
                context.getJsonObject("credentials").getString("access_key_id"),
                context.getJsonObject("credentials").getString("secret_access_key"), Instant.parse(context.getString("timestamp")),
                Files.readString(dir.resolve("header-canonical-request.txt"), StandardCharsets.UTF_8));
    }

    /** An HTTP/1.1 request as the suite writes it: request line, header lines (indented lines continue one), blank line, body. */
    static SigV4Verifier.Request parse(String text) {
        String[] lines = text.split("\n", -1);
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
        int q = target.indexOf('?');
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int i = 1;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            if (Character.isWhitespace(lines[i].charAt(0))) {
                Map.Entry<String, String> last = headers.remove(headers.size() - 1);
                headers.add(new AbstractMap.SimpleEntry<>(last.getKey(), last.getValue() + "\n" + lines[i]));
            } else {
                int colon = lines[i].indexOf(':');
                headers.add(new AbstractMap.SimpleEntry<>(lines[i].substring(0, colon), lines[i].substring(colon + 1)));
            }
        }
        String body = i + 1 < lines.length ? String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)) : "";
        return new SigV4Verifier.Request(method, q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void every_signed_request_of_the_suite_verifies_with_the_published_canonical_request(String name) throws IOException {
        Case c = load(name);
        SigV4Verifier.Verified verified = c.verifier().verify(c.request(), id -> id.equals(c.accessKey()) ? c.secret() : null, c.at());
        assertThat(verified.accessKeyId()).isEqualTo(c.accessKey());
        assertThat(verified.signedAt()).isEqualTo(c.at());
        String authorization = c.request().headers().stream().filter(h -> h.getKey().equalsIgnoreCase("Authorization"))
                .findFirst().orElseThrow().getValue();
        String bodyHash = SigV4Verifier.hex(SigV4Verifier.sha256(c.request().body()));
        assertThat(c.verifier().canonicalRequest(c.request(), SigV4Verifier.Authorization.parse(authorization).signedHeaders(), bodyHash))
                .isEqualTo(c.canonical());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void every_tampering_is_refused(String name) throws IOException {
        Case c = load(name);
        SigV4Verifier.Request r = c.request();
        List<SigV4Verifier.Request> tampered = List.of(
                new SigV4Verifier.Request(r.method(), r.rawPath(), r.rawQuery(), replaceHost(r.headers()), r.body()),
                new SigV4Verifier.Request(r.method(), r.rawPath() + "x", r.rawQuery(), r.headers(), r.body()),
                new SigV4Verifier.Request(r.method(), r.rawPath(), r.rawQuery() == null ? "extra=1" : r.rawQuery() + "&extra=1",
                        r.headers(), r.body()),
                new SigV4Verifier.Request(r.method(), r.rawPath(), r.rawQuery(), r.headers(), (new String(r.body(),
                        StandardCharsets.UTF_8) + "x").getBytes(StandardCharsets.UTF_8)),
                new SigV4Verifier.Request(r.method().equals("GET") ? "POST" : "GET", r.rawPath(), r.rawQuery(), r.headers(), r.body()));
        for (SigV4Verifier.Request t : tampered) {
            assertThatThrownBy(() -> c.verifier().verify(t, id -> c.secret(), c.at())).isInstanceOf(SigV4Failure.class);
        }
        assertThatThrownBy(() -> c.verifier().verify(r, id -> c.secret() + "x", c.at()))
                .isInstanceOf(SigV4Failure.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> c.verifier().verify(r, id -> c.secret(), c.at().plus(Duration.ofMinutes(6))))
                .isInstanceOf(SigV4Failure.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> c.verifier().verify(r, id -> null, c.at()))
                .isInstanceOf(SigV4Failure.class).extracting(e -> ((SigV4Failure) e).code()).isEqualTo("UnrecognizedClientException");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_request_signed_for_another_service_or_region_is_refused(String name) throws IOException {
        Case c = load(name);
        SigV4Verifier ses = new SigV4Verifier("ses", Set.of("us-east-1"), Duration.ofMinutes(5), true);
        assertThatThrownBy(() -> ses.verify(c.request(), id -> c.secret(), c.at())).hasMessageContaining("service");
        SigV4Verifier euOnly = new SigV4Verifier("service", Set.of("eu-west-1"), Duration.ofMinutes(5), true);
        assertThatThrownBy(() -> euOnly.verify(c.request(), id -> c.secret(), c.at())).hasMessageContaining("region");
    }

    private static List<Map.Entry<String, String>> replaceHost(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            out.add(h.getKey().equalsIgnoreCase("host") ? new AbstractMap.SimpleEntry<>(h.getKey(), "evil.example.com") : h);
        }
        return out;
    }
}
