package io.sesame.federation.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sesame.federation.control.SubjectTokenCheck.Failure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GitHub Actions' and Kubernetes' token shapes against trust rules, and every way to get a token past them wrongly. */
class SubjectTokenCheckTest {

    static final String GITHUB = "https://token.actions.githubusercontent.com";
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration SKEW = Duration.ofSeconds(30);
    static RSAKey issuerKey;
    static ECKey issuerEcKey;
    static RSAKey strangerKey;
    static JWKSource<SecurityContext> issuerKeys;

    @BeforeAll
    static void keys() throws Exception {
        issuerKey = new RSAKeyGenerator(2048).keyID("gh-1").generate();
        issuerEcKey = new ECKeyGenerator(Curve.P_256).keyID("gh-ec").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("gh-1").generate(); // same kid, other key
        issuerKeys = new ImmutableJWKSet<>(new JWKSet(List.of(issuerKey.toPublicJWK(), issuerEcKey.toPublicJWK())));
    }

    static TrustRules githubRules(Map<String, String> claims) {
        Map<String, ClaimPattern> required = new LinkedHashMap<>();
        claims.forEach((k, v) -> required.put(k, ClaimPattern.of(v)));
        return new TrustRules(URI.create(GITHUB), "sesame", ClaimPattern.of("repo:acme/billing:*"), required, null, null);
    }

    /** The claims GitHub Actions puts in its OIDC token (docs: "Understanding the OIDC token"). */
    static JWTClaimsSet.Builder githubClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(GITHUB)
                .audience("sesame")
                .subject("repo:acme/billing:environment:production")
                .jwtID("example-id")
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .notBeforeTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(240)))
                .claim("repository", "acme/billing")
                .claim("repository_owner", "acme")
                .claim("ref", "refs/heads/main")
                .claim("environment", "production")
                .claim("workflow", "deploy")
                .claim("event_name", "push")
                .claim("runner_environment", "github-hosted");
    }

    static String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static SubjectTokenCheck.Verdict check(String token, TrustRules rules) {
        return SubjectTokenCheck.check(token, rules, issuerKeys, NOW, SKEW);
    }

    static Failure failure(SubjectTokenCheck.Verdict verdict) {
        assertThat(verdict).isInstanceOf(SubjectTokenCheck.Untrusted.class);
        return ((SubjectTokenCheck.Untrusted) verdict).failure();
    }

    @Test
    void a_github_actions_token_meeting_every_condition_is_trusted() throws Exception {
        var verdict = check(rs256(githubClaims().build(), issuerKey),
                githubRules(Map.of("repository", "acme/billing", "environment", "production", "ref", "refs/heads/*")));
        assertThat(verdict).isInstanceOf(SubjectTokenCheck.Trusted.class);
        var trusted = (SubjectTokenCheck.Trusted) verdict;
        assertThat(trusted.subject()).isEqualTo("repo:acme/billing:environment:production");
        assertThat(trusted.issuer()).isEqualTo(GITHUB);
        assertThat(trusted.expiresAt()).isEqualTo(NOW.plusSeconds(240));
    }

    @Test
    void an_es256_token_is_trusted_too() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("gh-ec").build(), githubClaims().build());
        jwt.sign(new ECDSASigner(issuerEcKey));
        assertThat(check(jwt.serialize(), githubRules(Map.of()))).isInstanceOf(SubjectTokenCheck.Trusted.class);
    }

    @Test
    void a_kubernetes_projected_service_account_token_is_matched_through_its_nested_claims() throws Exception {
        URI issuer = URI.create("https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .audience(List.of("sesame"))
                .subject("system:serviceaccount:billing:mailer")
                .issueTime(Date.from(NOW.minusSeconds(10)))
                .notBeforeTime(Date.from(NOW.minusSeconds(10)))
                .expirationTime(Date.from(NOW.plusSeconds(3600)))
                .claim("kubernetes.io", Map.of("namespace", "billing",
                        "serviceaccount", Map.of("name", "mailer", "uid", "8d1c6c5b-0000-4000-8000-000000000000"),
                        "pod", Map.of("name", "mailer-7d9f", "uid", "0b3c0000-0000-4000-8000-000000000000")))
                .build();
        TrustRules rules = new TrustRules(issuer, "sesame", ClaimPattern.of("system:serviceaccount:billing:*"),
                Map.of("kubernetes.io/namespace", ClaimPattern.of("billing"),
                        "kubernetes.io/serviceaccount/name", ClaimPattern.of("mailer")), null, null);
        String token = rs256(claims, issuerKey);
        assertThat(SubjectTokenCheck.check(token, rules, issuerKeys, NOW, SKEW)).isInstanceOf(SubjectTokenCheck.Trusted.class);

        TrustRules otherAccount = new TrustRules(issuer, "sesame", ClaimPattern.of("system:serviceaccount:billing:*"),
                Map.of("kubernetes.io/serviceaccount/name", ClaimPattern.of("admin")), null, null);
        assertThat(failure(SubjectTokenCheck.check(token, otherAccount, issuerKeys, NOW, SKEW))).isEqualTo(Failure.CLAIM_MISMATCH);
        TrustRules pathIntoAString = new TrustRules(issuer, "sesame", ClaimPattern.of("system:serviceaccount:billing:*"),
                Map.of("kubernetes.io/namespace/x", ClaimPattern.of("billing")), null, null);
        assertThat(failure(SubjectTokenCheck.check(token, pathIntoAString, issuerKeys, NOW, SKEW))).isEqualTo(Failure.CLAIM_MISMATCH);
    }

    @Test
    void wrong_issuer_audience_subject_or_claims_are_each_refused() throws Exception {
        TrustRules rules = githubRules(Map.of("repository", "acme/billing", "environment", "production"));
        assertThat(failure(check(rs256(githubClaims().issuer("https://token.actions.githubusercontent.com/").build(), issuerKey), rules)))
                .isEqualTo(Failure.WRONG_ISSUER);
        assertThat(failure(check(rs256(githubClaims().issuer("https://evil.example").build(), issuerKey), rules)))
                .isEqualTo(Failure.WRONG_ISSUER);
        assertThat(failure(check(rs256(githubClaims().audience("https://github.com/acme").build(), issuerKey), rules)))
                .isEqualTo(Failure.WRONG_AUDIENCE);
        assertThat(failure(check(rs256(githubClaims().audience((String) null).build(), issuerKey), rules)))
                .isEqualTo(Failure.WRONG_AUDIENCE);
        assertThat(check(rs256(githubClaims().audience(List.of("other", "sesame")).build(), issuerKey), rules))
                .as("one of several audiences").isInstanceOf(SubjectTokenCheck.Trusted.class);
        // another repository whose name starts alike: the pattern ends with ':*', not '*'
        assertThat(failure(check(rs256(githubClaims().subject("repo:acme/billing-fork:environment:production")
                .claim("repository", "acme/billing-fork").build(), issuerKey), rules))).isEqualTo(Failure.SUBJECT_MISMATCH);
        assertThat(failure(check(rs256(githubClaims().subject(null).build(), issuerKey), rules))).isEqualTo(Failure.SUBJECT_MISMATCH);
        assertThat(failure(check(rs256(githubClaims().claim("environment", "staging").build(), issuerKey), rules)))
                .isEqualTo(Failure.CLAIM_MISMATCH);
        assertThat(failure(check(rs256(githubClaims().claim("environment", null).build(), issuerKey), rules)))
                .isEqualTo(Failure.CLAIM_MISMATCH);
        assertThat(failure(check(rs256(githubClaims().claim("environment", List.of("staging")).build(), issuerKey), rules)))
                .isEqualTo(Failure.CLAIM_MISMATCH);
        assertThat(failure(check(rs256(githubClaims().claim("environment", Map.of("name", "production")).build(), issuerKey), rules)))
                .as("an object is not its text").isEqualTo(Failure.CLAIM_MISMATCH);
        var mismatch = (SubjectTokenCheck.Untrusted) check(rs256(githubClaims().claim("environment", "staging").build(), issuerKey), rules);
        assertThat(mismatch.description()).doesNotContain("production").as("the expected value is not revealed");
        assertThat(mismatch.claimedSubject()).isEqualTo("repo:acme/billing:environment:production");
    }

    @Test
    void expired_future_and_everlasting_tokens_are_refused_with_the_skew_allowed() throws Exception {
        TrustRules rules = githubRules(Map.of());
        assertThat(failure(check(rs256(githubClaims().expirationTime(Date.from(NOW.minusSeconds(31))).build(), issuerKey), rules)))
                .isEqualTo(Failure.EXPIRED);
        assertThat(check(rs256(githubClaims().expirationTime(Date.from(NOW.minusSeconds(29))).build(), issuerKey), rules))
                .as("within the skew").isInstanceOf(SubjectTokenCheck.Trusted.class);
        assertThat(failure(check(rs256(githubClaims().expirationTime(null).build(), issuerKey), rules))).isEqualTo(Failure.EXPIRED);
        assertThat(failure(check(rs256(githubClaims().notBeforeTime(Date.from(NOW.plusSeconds(120))).build(), issuerKey), rules)))
                .isEqualTo(Failure.NOT_YET_VALID);
        assertThat(failure(check(rs256(githubClaims().issueTime(Date.from(NOW.plusSeconds(120))).build(), issuerKey), rules)))
                .isEqualTo(Failure.NOT_YET_VALID);
        assertThat(failure(check(rs256(githubClaims().expirationTime(Date.from(NOW.plus(Duration.ofDays(2)))).build(), issuerKey), rules)))
                .isEqualTo(Failure.TOO_LONG_LIVED);
    }

    @Test
    void forged_unsigned_hmac_and_tampered_tokens_are_refused() throws Exception {
        TrustRules rules = githubRules(Map.of("repository", "acme/billing"));
        JWTClaimsSet claims = githubClaims().build();
        assertThat(failure(check(rs256(claims, strangerKey), rules))).as("same kid, another key").isEqualTo(Failure.BAD_SIGNATURE);

        String unsigned = Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims.toString()) + ".";
        assertThat(failure(check(unsigned, rules))).isEqualTo(Failure.UNSIGNED);

        // HMAC keyed with the issuer's public key (the classic RS/HS confusion)
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("gh-1").build(), claims);
        hmac.sign(new MACSigner(issuerKey.toPublicJWK().toRSAPublicKey().getEncoded()));
        assertThat(failure(check(hmac.serialize(), rules))).isEqualTo(Failure.UNSIGNED);

        String genuine = rs256(claims, issuerKey);
        String[] parts = genuine.split("\\.");
        String widened = parts[0] + "." + Base64URL.encode(githubClaims().subject("repo:acme/billing:ref:refs/heads/x").build().toString())
                + "." + parts[2];
        assertThat(failure(check(widened, rules))).isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(((SubjectTokenCheck.Untrusted) check(widened, rules)).claimedSubject())
                .as("an unverified subject is not recorded as if it were someone's").isNull();

        String unknownKid = rs256(claims, new RSAKeyGenerator(2048).keyID("gh-unknown").generate());
        assertThat(failure(check(unknownKid, rules))).isEqualTo(Failure.BAD_SIGNATURE);

        for (String junk : new String[] {"", "not-a-jwt", "a.b.c", "a.b", "....", genuine + "x", "e30.e30.e30"}) {
            assertThat(failure(check(junk, rules))).as(junk).isIn(Failure.MALFORMED, Failure.UNSIGNED, Failure.BAD_SIGNATURE);
        }
    }

    @Test
    void an_issuer_whose_keys_cannot_be_fetched_is_a_temporary_failure_not_a_bad_token() throws Exception {
        JWKSource<SecurityContext> down = (selector, context) -> {
            throw new KeySourceException("connection refused");
        };
        assertThat(failure(SubjectTokenCheck.check(rs256(githubClaims().build(), issuerKey), githubRules(Map.of()), down, NOW, SKEW)))
                .isEqualTo(Failure.KEYS_UNAVAILABLE);
    }

    @Test
    void with_the_production_key_source_an_unknown_kid_is_a_bad_signature_not_an_outage() throws Exception {
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        com.nimbusds.jose.util.ResourceRetriever issuer = url -> {
            fetches.incrementAndGet();
            return new com.nimbusds.jose.util.Resource(new JWKSet(issuerKey.toPublicJWK()).toString(), "application/json");
        };
        JWKSource<SecurityContext> source = com.nimbusds.jose.jwk.source.JWKSourceBuilder
                .<SecurityContext>create(new java.net.URL("https://issuer.example/jwks"), issuer)
                .cache(60_000, 5_000).refreshAheadCache(false).rateLimited(30_000).build();
        TrustRules rules = githubRules(Map.of("repository", "acme/billing"));
        assertThat(SubjectTokenCheck.check(rs256(githubClaims().build(), issuerKey), rules, source, NOW, SKEW))
                .isInstanceOf(SubjectTokenCheck.Trusted.class);
        for (int i = 0; i < 5; i++) {
            String unknownKid = rs256(githubClaims().build(), new RSAKeyGenerator(2048).keyID("forged-" + i).generate());
            assertThat(failure(SubjectTokenCheck.check(unknownKid, rules, source, NOW, SKEW))).isEqualTo(Failure.BAD_SIGNATURE);
        }
        assertThat(fetches.get()).as("one fetch, one refetch for an unknown kid, then the rate limit").isLessThanOrEqualTo(2);

        com.nimbusds.jose.util.ResourceRetriever down = url -> {
            throw new java.io.IOException("connection refused");
        };
        JWKSource<SecurityContext> unreachable = com.nimbusds.jose.jwk.source.JWKSourceBuilder
                .<SecurityContext>create(new java.net.URL("https://issuer.example/jwks"), down).retrying(false).build();
        assertThat(failure(SubjectTokenCheck.check(rs256(githubClaims().build(), issuerKey), rules, unreachable, NOW, SKEW)))
                .isEqualTo(Failure.KEYS_UNAVAILABLE);
    }

    @Test
    void an_access_token_typed_at_jwt_and_an_oversized_token_are_not_workload_identities() throws Exception {
        SignedJWT accessToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("gh-1")
                .type(new JOSEObjectType("at+jwt")).build(), githubClaims().build());
        accessToken.sign(new RSASSASigner(issuerKey));
        assertThat(failure(check(accessToken.serialize(), githubRules(Map.of())))).isEqualTo(Failure.BAD_SIGNATURE);
        String huge = rs256(githubClaims().claim("padding", "x".repeat(SubjectTokenCheck.MAX_TOKEN_LENGTH)).build(), issuerKey);
        assertThat(failure(check(huge, githubRules(Map.of())))).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void a_stranger_s_token_makes_no_key_lookup() throws Exception {
        JWKSource<SecurityContext> tripwire = (selector, context) -> {
            throw new AssertionError("keys fetched for a token of another issuer");
        };
        assertThat(failure(SubjectTokenCheck.check(rs256(githubClaims().issuer("https://evil.example").build(), issuerKey),
                githubRules(Map.of()), tripwire, NOW, SKEW))).isEqualTo(Failure.WRONG_ISSUER);
    }

    @Test
    void control_characters_in_a_claimed_subject_are_not_carried_into_the_audit() throws Exception {
        var verdict = (SubjectTokenCheck.Untrusted) check(rs256(githubClaims().subject("repo:acme/x\nFAKE LOG LINE" + "y".repeat(500))
                .build(), issuerKey), githubRules(Map.of()));
        assertThat(verdict.claimedSubject()).doesNotContain("\n").hasSizeLessThanOrEqualTo(SubjectTokenCheck.SHOWN + 1);
    }
}
