package io.sesame.dpop.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 9449 proofs, and every way a stolen token's thief or a sloppy client could get one past the check. */
class DpopProofTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final Duration SKEW = Duration.ofSeconds(5);
    static final URI URL = URI.create("https://sesame.example.com/api/v1/emails");
    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    static ECKey clientKey;
    static ECKey otherKey;

    @BeforeAll
    static void keys() throws Exception {
        clientKey = new ECKeyGenerator(Curve.P_256).generate();
        otherKey = new ECKeyGenerator(Curve.P_256).generate();
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().jwtID("proof-1").claim("htm", "POST").claim("htu", URL.toString())
                .issueTime(Date.from(NOW.minusSeconds(2))).claim("ath", DpopProof.accessTokenHash(TOKEN));
    }

    static String proof(JWTClaimsSet claims, ECKey signer, ECKey inHeader, JOSEObjectType type) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).jwk(inHeader).build(), claims);
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }

    static String proof(JWTClaimsSet claims) throws Exception {
        return proof(claims, clientKey, clientKey.toPublicJWK(), DpopProof.TYPE);
    }

    static DpopProof.Verdict check(String proof) {
        return DpopProof.check(proof, "POST", URL, TOKEN, NOW, WINDOW, SKEW);
    }

    static String refusal(DpopProof.Verdict verdict) {
        assertThat(verdict).isInstanceOf(DpopProof.Invalid.class);
        return ((DpopProof.Invalid) verdict).description();
    }

    @Test
    void a_proof_by_the_clients_key_for_this_request_is_valid_and_names_the_keys_thumbprint() throws Exception {
        var verdict = check(proof(claims().build()));
        assertThat(verdict).isInstanceOf(DpopProof.Valid.class);
        assertThat(((DpopProof.Valid) verdict).jkt()).isEqualTo(clientKey.computeThumbprint().toString());
        assertThat(((DpopProof.Valid) verdict).jti()).isEqualTo("proof-1");
        // the RFC's normalization: case of scheme and host, default port, query and fragment ignored
        for (String htu : new String[] {"HTTPS://Sesame.Example.com/api/v1/emails", "https://sesame.example.com:443/api/v1/emails",
                "https://sesame.example.com/api/v1/emails?x=1", "https://sesame.example.com/api/v1/emails#f"}) {
            assertThat(check(proof(claims().claim("htu", htu).build()))).as(htu).isInstanceOf(DpopProof.Valid.class);
        }
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        SignedJWT rs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(DpopProof.TYPE).jwk(rsa.toPublicJWK()).build(),
                claims().build());
        rs.sign(new RSASSASigner(rsa));
        assertThat(check(rs.serialize())).isInstanceOf(DpopProof.Valid.class);
    }

    @Test
    void a_proof_for_another_method_url_token_or_time_is_refused() throws Exception {
        assertThat(refusal(check(proof(claims().claim("htm", "GET").build())))).contains("htm");
        assertThat(refusal(check(proof(claims().claim("htm", "post").build())))).contains("htm");
        for (String htu : new String[] {"https://sesame.example.com/api/v1/emails/bulk", "https://evil.example.com/api/v1/emails",
                "http://sesame.example.com/api/v1/emails", "https://sesame.example.com:8443/api/v1/emails",
                "https://sesame.example.com/api/v1/EMAILS", "/api/v1/emails", "https://user@sesame.example.com/api/v1/emails", "::"}) {
            assertThat(refusal(check(proof(claims().claim("htu", htu).build())))).as(htu).contains("htu");
        }
        assertThat(refusal(check(proof(claims().claim("ath", DpopProof.accessTokenHash(TOKEN + "x")).build())))).contains("ath");
        assertThat(refusal(check(proof(claims().claim("ath", null).build())))).contains("ath");
        assertThat(refusal(check(proof(claims().issueTime(Date.from(NOW.minusSeconds(61))).build())))).contains("window");
        assertThat(refusal(check(proof(claims().issueTime(Date.from(NOW.plusSeconds(6))).build())))).contains("window");
        assertThat(check(proof(claims().issueTime(Date.from(NOW.plusSeconds(4))).build()))).isInstanceOf(DpopProof.Valid.class);
        assertThat(refusal(check(proof(claims().issueTime(null).build())))).contains("iat");
        assertThat(refusal(check(proof(claims().jwtID(null).build())))).contains("jti");
        assertThat(refusal(check(proof(claims().jwtID("j".repeat(65)).build())))).contains("jti");
        assertThat(check(proof(claims().jwtID("j".repeat(64)).build()))).isInstanceOf(DpopProof.Valid.class);
        // at the token endpoint there is no access token yet: no ath needed
        assertThat(DpopProof.check(proof(claims().claim("ath", null).build()), "POST", URL, null, NOW, WINDOW, SKEW))
                .isInstanceOf(DpopProof.Valid.class);
    }

    @Test
    void rsa_keys_that_make_verification_costly_or_are_weak_behind_padding_are_refused() throws Exception {
        RSAKey sound = new RSAKeyGenerator(2048).generate();
        assertThat(DpopProof.soundRsa(sound)).isTrue();
        java.math.BigInteger n = sound.getModulus().decodeToBigInteger();
        RSAKey hugeExponent = new RSAKey.Builder(Base64URL.encode(n), Base64URL.encode(n.subtract(java.math.BigInteger.TWO))).build();
        assertThat(DpopProof.soundRsa(hugeExponent)).isFalse();
        RSAKey weak = new RSAKeyGenerator(1024, true).generate();
        byte[] padded = new byte[256];
        byte[] modulus = weak.getModulus().decodeToBigInteger().toByteArray();
        System.arraycopy(modulus, 0, padded, padded.length - modulus.length, modulus.length);
        RSAKey paddedWeak = new RSAKey.Builder(Base64URL.encode(padded), weak.getPublicExponent()).build();
        assertThat(paddedWeak.size()).as("nimbus counts the encoding").isGreaterThanOrEqualTo(2048);
        assertThat(DpopProof.soundRsa(paddedWeak)).as("the modulus is still 1024 bits").isFalse();
        assertThat(DpopProof.soundRsa(new RSAKeyGenerator(4096 + 1024, true).generate())).as("over 4096 bits").isFalse();
    }

    @Test
    void forged_and_malformed_proofs_are_refused() throws Exception {
        assertThat(refusal(check(proof(claims().build(), otherKey, clientKey.toPublicJWK(), DpopProof.TYPE))))
                .as("signed by another key than the header's").contains("signature");
        // a private key in the header: nimbus will not even build one, so it is written by hand and signed correctly
        String header = Base64URL.encode("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + clientKey.toJSONString() + "}").toString();
        String input = header + "." + Base64URL.encode(claims().build().toString());
        Base64URL signature = new ECDSASigner(clientKey).sign(new JWSHeader(JWSAlgorithm.ES256),
                input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(check(input + "." + signature)).as("a private key in the header").isInstanceOf(DpopProof.Invalid.class);
        assertThat(refusal(check(proof(claims().build(), clientKey, clientKey.toPublicJWK(), JOSEObjectType.JWT)))).contains("dpop+jwt");
        assertThat(refusal(check(proof(claims().build(), clientKey, clientKey.toPublicJWK(), null)))).contains("dpop+jwt");
        SignedJWT noJwk = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(DpopProof.TYPE).build(), claims().build());
        noJwk.sign(new ECDSASigner(clientKey));
        assertThat(refusal(check(noJwk.serialize()))).contains("jwk");
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(DpopProof.TYPE).build(), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertThat(refusal(check(hmac.serialize()))).contains("asymmetric");
        String unsigned = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"dpop+jwt\"}") + "." + Base64URL.encode(claims().build().toString()) + ".";
        assertThat(refusal(check(unsigned))).contains("signed JWT");
        RSAKey weak = new RSAKeyGenerator(1024, true).generate();
        SignedJWT weakProof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(DpopProof.TYPE).jwk(weak.toPublicJWK()).build(),
                claims().build());
        weakProof.sign(new RSASSASigner(weak.toPrivateKey(), true));
        assertThat(refusal(check(weakProof.serialize()))).contains("signature");
        assertThat(refusal(check(proof(claims().claim("htm", "GET").build(), otherKey, clientKey.toPublicJWK(), DpopProof.TYPE))))
                .as("the cheap checks come before the signature").contains("htm");
        String genuine = proof(claims().build());
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + Base64URL.encode(claims().claim("htm", "DELETE").build().toString()) + "." + parts[2];
        assertThat(refusal(DpopProof.check(tampered, "DELETE", URL, TOKEN, NOW, WINDOW, SKEW))).contains("signature");
        for (String junk : new String[] {null, "", " ", "x", "a.b.c", "x".repeat(DpopProof.MAX_LENGTH + 1)}) {
            assertThat(check(junk)).as(String.valueOf(junk)).isInstanceOf(DpopProof.Invalid.class);
        }
    }
}
