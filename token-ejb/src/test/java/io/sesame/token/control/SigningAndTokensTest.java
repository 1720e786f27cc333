package io.sesame.token.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sesame.policy.control.Permission;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing-key ring rotation, sealing of private keys, and the access-token format and its verification. */
class SigningAndTokensTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final Duration LEAD = Duration.ofMinutes(6);
    static final Duration MAX_TOKEN = Duration.ofHours(12).plusMinutes(5);
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void first_key_signs_at_once_and_a_successor_is_published_before_it_signs() {
        SigningKeyRing empty = new SigningKeyRing(List.of());
        assertThat(empty.rotationDue(T0, Duration.ofDays(30))).isTrue();
        SigningKeyRing ring = empty.rotate(T0, LEAD, MAX_TOKEN, RANDOM).ring();
        SigningKeyVersion first = ring.signingKey(T0).orElseThrow();
        assertThat(ring.rotationDue(T0.plus(Duration.ofDays(29)), Duration.ofDays(30))).isFalse();
        Instant t1 = T0.plus(Duration.ofDays(30));
        assertThat(ring.rotationDue(t1, Duration.ofDays(30))).isTrue();

        SigningKeyRing.Rotation rotation = ring.rotate(t1, LEAD, MAX_TOKEN, RANDOM);
        SigningKeyRing rotated = rotation.ring();
        SigningKeyVersion second = rotation.added();
        assertThat(rotated.rotationDue(t1, Duration.ofDays(30))).as("a successor is pending").isFalse();
        // Published at once, signing only after the lead; the old key keeps signing until then.
        assertThat(rotated.jwks(t1).getKeyByKeyId(second.kid())).isNotNull();
        assertThat(rotated.signingKey(t1).orElseThrow().kid()).isEqualTo(first.kid());
        assertThat(rotated.signingKey(t1.plus(LEAD)).orElseThrow().kid()).isEqualTo(second.kid());
        // The old key stays in the JWKS until every token it signed has expired, then it goes.
        assertThat(rotated.jwks(t1.plus(LEAD).plus(MAX_TOKEN).minusSeconds(1)).getKeyByKeyId(first.kid())).isNotNull();
        assertThat(rotated.jwks(t1.plus(LEAD).plus(MAX_TOKEN)).getKeyByKeyId(first.kid())).isNull();
        assertThat(rotated.expired(t1.plus(LEAD).plus(MAX_TOKEN))).extracting(SigningKeyVersion::kid).containsExactly(first.kid());
        // The JWKS never carries private parts.
        assertThat(rotated.jwks(t1).toString()).doesNotContain("\"d\"");
    }

    @Test
    void a_revoked_key_leaves_the_ring_and_a_rotation_then_signs_at_once() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        SigningKeyRing ring = new SigningKeyRing(List.of()).rotate(now, Duration.ofMinutes(6), Duration.ofHours(13), random).ring();
        String leaked = ring.signingKey(now).orElseThrow().kid();
        SigningKeyRing without = ring.without(leaked);
        assertThat(ring.lostAny(without)).isTrue();
        assertThat(without.lostAny(ring)).isFalse();
        assertThat(without.signingKey(now)).isEmpty();
        assertThat(without.jwks(now).getKeyByKeyId(leaked)).isNull();
        SigningKeyRing replaced = without.rotate(now, Duration.ofMinutes(6), Duration.ofHours(13), random).ring();
        assertThat(replaced.signingKey(now)).as("no publish lead when nothing signs").isPresent();
        assertThat(replaced.signingKey(now).orElseThrow().kid()).isNotEqualTo(leaked);
    }

    @Test
    void sealed_private_keys_open_only_with_the_same_key_and_record_id() {
        SecretBox box = new SecretBox("aW50ZWdyYXRpb24tdGVzdHMtb25seS1hZXMta2V5ISE=");
        String sealed = box.seal("{\"d\":\"secret\"}", "sk-1");
        assertThat(sealed).doesNotContain("secret");
        assertThat(box.open(sealed, "sk-1")).isEqualTo("{\"d\":\"secret\"}");
        assertThat(box.seal("x", "sk-1")).isNotEqualTo(box.seal("x", "sk-1")); // fresh IV each time
        assertThatThrownBy(() -> box.open(sealed, "sk-2")).hasMessageContaining("tampered");
        SecretBox other = new SecretBox("b3RoZXItdGVzdHMtb25seS1hZXMta2V5LTMyYnl0ZXM=");
        assertThatThrownBy(() -> other.open(sealed, "sk-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(null)).hasMessageContaining("SESAME_SIGNING_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new SecretBox("c2hvcnQ=")).hasMessageContaining("32 random bytes");
    }

    @Test
    void issued_tokens_follow_rfc_9068_and_verify() throws Exception {
        Instant now = Instant.now();
        SigningKeyRing ring = new SigningKeyRing(List.of()).rotate(now, LEAD, MAX_TOKEN, RANDOM).ring();
        SigningKeyVersion key = ring.signingKey(now).orElseThrow();
        AccessTokenIssuer.IssuedToken token = new AccessTokenIssuer("urn:sesame", "sesame").issue(key, "app_1", "KEY123",
                3, EnumSet.of(Permission.SEND_EMAIL, Permission.GET_ACCOUNT), now, Duration.ofMinutes(5), "jti-1");
        assertThat(token.expiresIn()).isEqualTo(300);
        assertThat(token.scope()).isEqualTo("ses:SendEmail ses:GetAccount");
        SignedJWT jwt = SignedJWT.parse(token.token());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.kid());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("app_1");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("KEY123");
        assertThat(claims.getStringListClaim("groups")).containsExactly("ses:SendEmail", "ses:GetAccount");
        assertThat(claims.getAudience()).containsExactly("sesame");
        assertThat(claims.getJWTID()).isEqualTo("jti-1");

        AccessTokenVerifier verifier = new AccessTokenVerifier("urn:sesame", "sesame");
        JWKSet jwks = ring.jwks(now);
        assertThat(verifier.verify(token.token(), jwks)).isPresent();
        assertThat(new AccessTokenVerifier("urn:other", "sesame").verify(token.token(), jwks)).as("wrong iss").isEmpty();
        assertThat(new AccessTokenVerifier("urn:sesame", "other").verify(token.token(), jwks)).as("wrong aud").isEmpty();
        SigningKeyRing stranger = new SigningKeyRing(List.of()).rotate(now, LEAD, MAX_TOKEN, RANDOM).ring();
        assertThat(verifier.verify(token.token(), stranger.jwks(now))).as("unknown key").isEmpty();
        assertThat(verifier.verify("garbage", jwks)).isEmpty();

        // Correct signature, wrong typ; and an expired token.
        assertThat(verifier.verify(sign(key, new JOSEObjectType("JWT"), claims), jwks)).as("typ JWT").isEmpty();
        JWTClaimsSet expired = new JWTClaimsSet.Builder(claims).issueTime(Date.from(now.minusSeconds(7200)))
                .notBeforeTime(Date.from(now.minusSeconds(7200))).expirationTime(Date.from(now.minusSeconds(3600))).build();
        assertThat(verifier.verify(sign(key, AccessTokenIssuer.ACCESS_TOKEN_TYPE, expired), jwks)).as("expired").isEmpty();
        // Just expired: taken within the clock skew (5 s by default, at most 60), refused past it.
        JWTClaimsSet justExpired = new JWTClaimsSet.Builder(claims).issueTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.minusSeconds(10))).build();
        String tenSecondsLate = sign(key, AccessTokenIssuer.ACCESS_TOKEN_TYPE, justExpired);
        assertThat(verifier.verify(tenSecondsLate, jwks)).as("10 s past exp, 5 s skew").isEmpty();
        assertThat(new AccessTokenVerifier("urn:sesame", "sesame", Duration.ofSeconds(30)).verify(tenSecondsLate, jwks))
                .as("10 s past exp, 30 s skew").isPresent();
        assertThatThrownBy(() -> new AccessTokenVerifier("urn:sesame", "sesame", Duration.ofSeconds(61)))
                .isInstanceOf(IllegalArgumentException.class);
        // Issued in the future (the wall clock went back 2 h after it was minted): refused, or it would live 2 h 5 min.
        JWTClaimsSet fromTheFuture = new JWTClaimsSet.Builder(claims).issueTime(Date.from(now.plusSeconds(7200)))
                .expirationTime(Date.from(now.plusSeconds(7500))).build();
        assertThat(verifier.verify(sign(key, AccessTokenIssuer.ACCESS_TOKEN_TYPE, fromTheFuture), jwks)).as("iat 2 h ahead").isEmpty();
        assertThat(verifier.issuedInTheFuture(fromTheFuture, now)).isTrue();
        JWTClaimsSet slightlyAhead = new JWTClaimsSet.Builder(claims).issueTime(Date.from(now.plusSeconds(3))).build();
        assertThat(verifier.issuedInTheFuture(slightlyAhead, now)).as("within the 5 s skew").isFalse();
        assertThat(verifier.issuedInTheFuture(slightlyAhead, now.minusSeconds(10))).as("beyond it").isTrue();
        // alg none
        String none = new com.nimbusds.jwt.PlainJWT(claims).serialize();
        assertThat(verifier.verify(none, jwks)).as("alg none").isEmpty();
    }

    private static String sign(SigningKeyVersion key, JOSEObjectType type, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(type).build(), claims);
        jwt.sign(new ECDSASigner(key.key()));
        return jwt.serialize();
    }
}
