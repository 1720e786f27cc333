package io.sesame.signal.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.sesame.token.control.SigningKeyVersion;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityEventsTest {

    static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    static SecurityEvents.Event of(String action, String targetType, String target) {
        return SecurityEvents.of(new SecurityEvents.Fact(42, AT, action, targetType, target, "app_1"));
    }

    @Test
    void revocations_suspensions_rotations_and_leaks_map_to_caep_risc_or_sesames_own_types() {
        assertThat(of("key.revoked", "api-key", "k1").type()).isEqualTo(SecurityEvents.CREDENTIAL_CHANGE);
        assertThat(of("key.revoked", "api-key", "k1").payload()).containsEntry("change_type", "revoke").containsEntry("event_timestamp", AT.getEpochSecond());
        assertThat(of("key.expired", "api-key", "k1").payload()).containsEntry("change_type", "revoke");
        assertThat(of("key.rotated", "api-key", "k1").payload()).containsEntry("change_type", "update");
        assertThat(of("key.suspended", "api-key", "k1").type()).isEqualTo(SecurityEvents.CREDENTIAL_SUSPENDED);
        assertThat(of("key.reactivated", "api-key", "k1").type()).isEqualTo(SecurityEvents.CREDENTIAL_REACTIVATED);
        assertThat(of("key.leak-reported", "api-key", "k1").type()).isEqualTo(SecurityEvents.CREDENTIAL_COMPROMISE);
        assertThat(of("key.reuse-detected", "api-key", "k1").type()).isEqualTo(SecurityEvents.CREDENTIAL_COMPROMISE);
        assertThat(of("key.policy-changed", "api-key", "k1").payload()).containsEntry("change_type", "update");
        assertThat(of("token.revoked", "access-token", "jti-1").type()).isEqualTo(SecurityEvents.SESSION_REVOKED);
        assertThat(of("token.revoked", "access-token", "jti-1").subject()).containsEntry("id", "jti-1");
        assertThat(of("application.suspended", "application", "app_1").type()).isEqualTo(SecurityEvents.ACCOUNT_DISABLED);
        assertThat(of("application.reactivated", "application", "app_1").type()).isEqualTo(SecurityEvents.ACCOUNT_ENABLED);
        for (String quiet : new String[] {"key.issued", "key.expiring", "key.unused", "token.exchanged", "trust-policy.created"}) {
            assertThat(of(quiet, "api-key", "k1")).as(quiet).isNull();
        }
        for (String pushed : SecurityEvents.ACTIONS) {
            assertThat(of(pushed, "api-key", "k1")).as("every listed action maps: " + pushed).isNotNull();
        }
    }

    @Test
    void a_set_is_signed_by_sesames_key_typed_secevent_jwt_and_addressed_to_its_receiver() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("sk-1").generate();
        SigningKeyVersion version = new SigningKeyVersion("sk-1", key, AT, AT, null, null);
        String set = SecurityEvents.sign(of("key.revoked", "api-key", "k1"), "urn:sesame", "https://receiver.example/events", "jti-9", AT, version);
        SignedJWT jwt = SignedJWT.parse(set);
        assertThat(jwt.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        assertThat(jwt.getHeader().getType()).isEqualTo(SecurityEvents.TYPE);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("sk-1");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("urn:sesame");
        assertThat(claims.getAudience()).containsExactly("https://receiver.example/events");
        assertThat(claims.getJWTID()).isEqualTo("jti-9");
        assertThat(claims.getExpirationTime()).as("RFC 8417: a SET is not an access token; no exp").isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> events = (Map<String, Object>) claims.getClaim("events");
        assertThat(events).containsOnlyKeys(SecurityEvents.CREDENTIAL_CHANGE);
        assertThat(claims.getJSONObjectClaim("sub_id")).containsEntry("format", "opaque").containsEntry("id", "k1");
    }
}
