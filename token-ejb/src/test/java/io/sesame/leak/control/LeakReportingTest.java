package io.sesame.leak.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GitHub's signed reports and any scanner's body: what verifies, and every malformed or forged variant that must not. */
class LeakReportingTest {

    /** GitHub's published example (docs: secret scanning partner program): this key signed this payload. */
    static final String GITHUB_EXAMPLE_KEY = "-----BEGIN PUBLIC KEY-----\n"
            + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9MJJHnMfn2+H4xL4YaPDA4RpJqUq\n"
            + "kCmRCBnYERxZanmcpzQSXs1X/AljlKkbJ8qpVIW4clayyef9gWhFbNHWAA==\n"
            + "-----END PUBLIC KEY-----";
    static final String GITHUB_EXAMPLE_PAYLOAD = "[{\"token\":\"some_token\",\"type\":\"some_type\",\"url\":\"some_url\"}]";
    static final String GITHUB_EXAMPLE_SIGNATURE = "MEUCIQDKZokqnCjrRtw0tni+2Ltvl/uiMJ1EGumEsp1BsNr32AIgQY1YXD2nlj+XNfGK4rBfkMJ1JDOQcYXxa2sY8FNkrKc=";

    static KeyPair scanner;
    static KeyPair stranger;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        scanner = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
    }

    static String sign(KeyPair key, byte[] body) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update(body);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
    }

    static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    @Test
    void githubs_own_published_example_verifies() {
        assertThat(ScannerSignature.verify(ScannerSignature.publicKey(GITHUB_EXAMPLE_KEY), GITHUB_EXAMPLE_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                GITHUB_EXAMPLE_SIGNATURE)).isTrue();
        assertThat(ScannerSignature.verify(ScannerSignature.publicKey(GITHUB_EXAMPLE_KEY),
                GITHUB_EXAMPLE_PAYLOAD.replace("some_url", "other_url").getBytes(StandardCharsets.UTF_8), GITHUB_EXAMPLE_SIGNATURE)).isFalse();
    }

    @Test
    void a_signature_holds_only_for_the_exact_bytes_and_the_right_key() throws Exception {
        byte[] body = "[{\"token\":\"sesame_x\",\"type\":\"sesame_api_key\",\"url\":\"https://github.com/a/b\"}]".getBytes(StandardCharsets.UTF_8);
        String signature = sign(scanner, body);
        assertThat(ScannerSignature.verify(scanner.getPublic(), body, signature)).isTrue();
        assertThat(ScannerSignature.verify(stranger.getPublic(), body, signature)).isFalse();
        byte[] spaced = new String(body, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        assertThat(ScannerSignature.verify(scanner.getPublic(), spaced, signature)).as("the same JSON, other bytes").isFalse();
        for (String bad : new String[] {null, "", "not base64!", "AAAA", "x".repeat(500), sign(stranger, body)}) {
            assertThat(ScannerSignature.verify(scanner.getPublic(), body, bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThat(ScannerSignature.verify(null, body, signature)).isFalse();
    }

    @Test
    void githubs_key_list_is_read_and_keys_that_are_not_p256_are_left_out() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String list = Json.createObjectBuilder().add("public_keys", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("key_identifier", "current").add("key", pem(scanner)).add("is_current", true))
                .add(Json.createObjectBuilder().add("key_identifier", "rsa").add("key", pem(rsa.generateKeyPair())).add("is_current", false))
                .add(Json.createObjectBuilder().add("key_identifier", "junk").add("key", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .add(Json.createObjectBuilder().add("key", pem(stranger)))).build().toString();
        var keys = ScannerSignature.keyList((jakarta.json.JsonObject) json(list));
        assertThat(keys).containsOnlyKeys("current");
        assertThatThrownBy(() -> ScannerSignature.keyList((jakarta.json.JsonObject) json("{\"keys\":[]}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reports_are_bounded_and_cleaned() {
        var reports = LeakReport.github(json("[{\"token\":\"sesame_abc\",\"type\":\"sesame_api_key\",\"url\":\"https://github.com/x\\nFAKE\","
                + "\"source\":\"content\"},{\"token\":\"" + "t".repeat(5000) + "\"}]"));
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).url()).isEqualTo("https://github.com/x?FAKE");
        assertThat(reports.get(1).token()).hasSize(LeakReport.MAX_TOKEN);
        assertThat(reports.get(1).type()).isEqualTo("sesame_api_key");
        assertThat(reports.get(1).url()).isNull();
        for (String bad : new String[] {"{}", "[]", "[1]", "[{\"type\":\"x\"}]", "[{\"token\":5}]", "\"x\""}) {
            assertThatThrownBy(() -> LeakReport.github(json(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        var many = Json.createArrayBuilder();
        for (int i = 0; i <= LeakReport.MAX_ENTRIES; i++) {
            many.add(Json.createObjectBuilder().add("token", "t" + i));
        }
        assertThatThrownBy(() -> LeakReport.github(many.build())).hasMessageContaining("1-1000");
        assertThat(LeakReport.generic(json("{\"keys\":[{\"key\":\"sesame_x\",\"url\":\"u\",\"source\":\"gitleaks\"}]}")).get(0).source())
                .isEqualTo("gitleaks");
        assertThatThrownBy(() -> LeakReport.generic(json("[{\"key\":\"x\"}]"))).isInstanceOf(IllegalArgumentException.class);
    }
}
