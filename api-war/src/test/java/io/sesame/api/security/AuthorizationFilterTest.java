package io.sesame.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/** Payara's MP-JWT checks signature, iss, aud and exp; the RFC 9068 token type is Sesame's own check. */
class AuthorizationFilterTest {

    @Test
    void only_at_jwt_typed_tokens_are_access_tokens() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        assertThat(AuthorizationFilter.isAccessToken(signed(key, new JOSEObjectType("at+jwt")))).isTrue();
        assertThat(AuthorizationFilter.isAccessToken(signed(key, JOSEObjectType.JWT))).isFalse();
        assertThat(AuthorizationFilter.isAccessToken(signed(key, null))).isFalse();
        assertThat(AuthorizationFilter.isAccessToken("not.a.jwt")).isFalse();
        assertThat(AuthorizationFilter.isAccessToken("")).isFalse();
    }

    private static String signed(ECKey key, JOSEObjectType type) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID());
        if (type != null) {
            header.type(type);
        }
        SignedJWT jwt = new SignedJWT(header.build(), new JWTClaimsSet.Builder().subject("s").build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
