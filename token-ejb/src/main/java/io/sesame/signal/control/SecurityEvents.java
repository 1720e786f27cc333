package io.sesame.signal.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sesame.token.control.Es256;
import io.sesame.token.control.SigningKeyVersion;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which lifecycle events receivers are told about, as which Security Event Token (RFC 8417), and its signing (ES256 by
 * Sesame's current signing key, so receivers verify with the JWKS they already use for access tokens; {@code typ:
 * secevent+jwt}). CAEP and RISC event types where they fit; Sesame's own URNs where none does (a suspension is not a
 * revocation).
 */
public final class SecurityEvents {

    public static final JOSEObjectType TYPE = new JOSEObjectType("secevent+jwt");
    static final String CAEP = "https://schemas.openid.net/secevent/caep/event-type/";
    static final String RISC = "https://schemas.openid.net/secevent/risc/event-type/";
    public static final String CREDENTIAL_CHANGE = CAEP + "credential-change";
    public static final String SESSION_REVOKED = CAEP + "session-revoked";
    public static final String CREDENTIAL_COMPROMISE = RISC + "credential-compromise";
    public static final String ACCOUNT_DISABLED = RISC + "account-disabled";
    public static final String ACCOUNT_ENABLED = RISC + "account-enabled";
    public static final String CREDENTIAL_SUSPENDED = "urn:sesame:secevent:credential-suspended";
    public static final String CREDENTIAL_REACTIVATED = "urn:sesame:secevent:credential-reactivated";

    /** The lifecycle actions that are pushed. */
    public static final List<String> ACTIONS = List.of("key.revoked", "key.expired", "key.rotated",
            "key.suspended", "key.reactivated", "key.policy-changed", "key.leak-reported", "key.reuse-detected", "token.revoked",
            "application.suspended", "application.reactivated");

    /** A lifecycle event as the mapping needs it. */
    public record Fact(long id, Instant at, String action, String targetType, String targetId, String applicationId) {
    }

    /** What to tell: the event type and its members. */
    public record Event(String type, Map<String, Object> subject, Map<String, Object> payload) {
    }

    private SecurityEvents() {
    }

    /** The event for a lifecycle fact, or null when receivers are not told about it. */
    public static Event of(Fact fact) {
        long at = fact.at().getEpochSecond();
        Map<String, Object> sesame = new LinkedHashMap<>();
        sesame.put("action", fact.action());
        sesame.put("lifecycle_event_id", fact.id());
        if (fact.applicationId() != null) {
            sesame.put("application_id", fact.applicationId());
        }
        Map<String, Object> keySubject = Map.of("format", "opaque", "id", String.valueOf(fact.targetId()));
        return switch (fact.action()) {
            case "key.revoked", "key.expired" -> new Event(CREDENTIAL_CHANGE, keySubject,
                    payload(at, sesame, "credential_type", "api-key", "change_type", "revoke"));
            case "key.rotated" -> new Event(CREDENTIAL_CHANGE, keySubject,
                    payload(at, sesame, "credential_type", "api-key", "change_type", "update"));
            case "key.suspended" -> new Event(CREDENTIAL_SUSPENDED, keySubject, payload(at, sesame));
            case "key.reactivated" -> new Event(CREDENTIAL_REACTIVATED, keySubject, payload(at, sesame));
            // its permissions or scope changed: tokens minted under the earlier policy are refused from now on
            case "key.policy-changed" -> new Event(CREDENTIAL_CHANGE, keySubject,
                    payload(at, sesame, "credential_type", "api-key", "change_type", "update"));
            case "key.leak-reported", "key.reuse-detected" -> new Event(CREDENTIAL_COMPROMISE, keySubject,
                    payload(at, sesame, "credential_type", "api-key"));
            case "token.revoked" -> new Event(SESSION_REVOKED, Map.of("format", "opaque", "id", String.valueOf(fact.targetId())),
                    payload(at, sesame));
            case "application.suspended" -> new Event(ACCOUNT_DISABLED, Map.of("format", "opaque", "id", String.valueOf(fact.targetId())),
                    payload(at, sesame));
            case "application.reactivated" -> new Event(ACCOUNT_ENABLED, Map.of("format", "opaque", "id", String.valueOf(fact.targetId())),
                    payload(at, sesame));
            default -> null;
        };
    }

    private static Map<String, Object> payload(long at, Map<String, Object> sesame, Object... pairs) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event_timestamp", at);
        for (int i = 0; i < pairs.length; i += 2) {
            payload.put((String) pairs[i], pairs[i + 1]);
        }
        payload.put("sesame", sesame);
        return payload;
    }

    /** The SET's claims for one receiver ({@code aud}: the receiver's URL), to be signed when pushed. */
    public static JWTClaimsSet claims(Event event, String issuer, String audience, String jti, Instant issuedAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .jwtID(jti)
                .claim("sub_id", event.subject())
                .claim("events", Map.of(event.type(), event.payload()))
                .build();
    }

    /** Signs a SET (ES256, {@code typ: secevent+jwt}, the signing key's kid). */
    public static String sign(JWTClaimsSet claims, SigningKeyVersion key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(key.kid()).build(), claims);
        try {
            jwt.sign(Es256.signer(key.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a security event with " + key.kid(), e);
        }
        return jwt.serialize();
    }

    /** The signed SET for one receiver. */
    public static String sign(Event event, String issuer, String audience, String jti, Instant issuedAt, SigningKeyVersion key) {
        return sign(claims(event, issuer, audience, jti, issuedAt), key);
    }
}
