package io.sesame.federation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.sesame.platform.control.SesameException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TrustPolicyJsonTest {

    static final IssuerUrls URLS = new IssuerUrls(false);

    static JsonObjectBuilder body() {
        return Json.createObjectBuilder()
                .add("name", "deploy")
                .add("issuer", "https://token.actions.githubusercontent.com")
                .add("audience", "sesame")
                .add("subject", "repo:acme/billing:*")
                .add("claims", Json.createObjectBuilder().add("repository", "acme/billing"))
                .add("policy", Json.createObjectBuilder().add("permissions", Json.createArrayBuilder().add("ses:SendEmail")));
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void a_github_trust_policy_parses_and_round_trips_its_claims() {
        TrustPolicyJson.Draft draft = TrustPolicyJson.parse(body().build(), URLS);
        assertThat(draft.rules().keySource()).isEqualTo("discovery");
        String stored = TrustPolicyJson.claimsToJson(draft.rules().requiredClaims());
        TrustRules back = TrustPolicyJson.stored("https://token.actions.githubusercontent.com", "sesame", "repo:acme/billing:*", stored, null, null);
        assertThat(back.requiredClaims()).isEqualTo(draft.rules().requiredClaims());
        assertThat(back.summary()).contains("repo:acme/billing:*").contains("repository=acme/billing");
    }

    @Test
    void a_wildcard_subject_needs_an_exact_claim_beside_it() {
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("claims", Json.createObjectBuilder()).build(), URLS))
                .isInstanceOf(SesameException.class).hasMessageContaining("exact required claim");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("claims", Json.createObjectBuilder().add("ref", "refs/heads/*")).build(), URLS))
                .hasMessageContaining("exact required claim");
        assertThat(TrustPolicyJson.parse(body().add("subject", "repo:acme/billing:environment:production")
                .add("claims", Json.createObjectBuilder()).build(), URLS).rules().requiredClaims()).isEmpty();
    }

    @Test
    void hostile_bodies_are_refused_naming_the_field() throws Exception {
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("subjectPattern", "x").build(), URLS)).hasMessageContaining("subjectPattern");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("issuer", "https://10.0.0.1").build(), URLS)).hasMessageContaining("issuer");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("issuer", "https://localhost").build(), URLS)).hasMessageContaining("loopback");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("audience", "ses\u200Bame").build(), URLS)).hasMessageContaining("audience");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("subject", "repo:acme/\u202Eevil*").build(), URLS)).hasMessageContaining("subject");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("claims", Json.createObjectBuilder().add("a//b", "x")).build(), URLS))
                .hasMessageContaining("empty segment");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("expiresInDays", 1.5).build(), URLS)).hasMessageContaining("expiresInDays");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("policy", "all").build(), URLS)).hasMessageContaining("policy");
        assertThatThrownBy(() -> TrustPolicyJson.parse(null, URLS)).hasMessageContaining("body");
        assertThat(TrustPolicyJson.parse(body().add("expiresInDays", new java.math.BigInteger("99999999999999999999")).build(), URLS)
                .expiresInDays()).as("no overflow into a small or negative number: the service refuses it as too long")
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void pinned_keys_must_be_public_rsa_or_ec_of_a_sound_size() throws Exception {
        var rsa = new RSAKeyGenerator(2048).keyID("k").generate();
        assertThat(TrustPolicyJson.parse(body().add("jwks", json(new JWKSet(rsa.toPublicJWK()).toString())).build(), URLS)
                .rules().pinnedThumbprints()).containsExactly(rsa.computeThumbprint().toString());
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("jwks", json(new JWKSet(rsa).toString(false))).build(), URLS))
                .hasMessageContaining("private key");
        var small = new RSAKeyGenerator(1024, true).keyID("small").generate();
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("jwks", json(new JWKSet(small.toPublicJWK()).toString())).build(), URLS))
                .hasMessageContaining("2048");
        var hmac = new OctetSequenceKeyGenerator(256).keyID("h").generate();
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("jwks", json(new JWKSet(hmac).toString(false))).build(), URLS))
                .isInstanceOf(SesameException.class);
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("jwks", json("{\"keys\":[]}")).build(), URLS)).hasMessageContaining("1-20");
        assertThatThrownBy(() -> TrustPolicyJson.parse(body().add("jwks", json(new JWKSet(rsa.toPublicJWK()).toString()))
                .add("jwksUri", "https://example.com/jwks").build(), URLS)).hasMessageContaining("not both");
    }
}
