package io.sesame.federation.control;

import com.nimbusds.jose.jwk.JWKSet;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.PolicyJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A trust policy as JSON, the one form the REST door and the portal read:
 * <pre>{"name", "expiresInDays", "issuer", "audience", "subject", "claims": {path: pattern}, "jwksUri" | "jwks": {…},
 *  "policy": {"permissions": […], "scope": {…}}}</pre>
 * Every field is checked here with a message naming it; unknown fields are refused (a typo must not loosen a condition).
 */
public final class TrustPolicyJson {

    static final Set<String> FIELDS = Set.of("name", "expiresInDays", "issuer", "audience", "subject", "claims", "jwksUri",
            "jwks", "policy");

    /** What an admin asks for. */
    public record Draft(String name, Integer expiresInDays, TrustRules rules, AccessPolicy policy) {
    }

    private TrustPolicyJson() {
    }

    public static Draft parse(JsonObject body, IssuerUrls urls) {
        if (body == null) {
            throw SesameException.invalid("body", "a JSON object is required");
        }
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw SesameException.invalid(field, "unknown field (expected " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String name = string(body, "name");
        Integer days = null;
        if (body.containsKey("expiresInDays") && body.get("expiresInDays").getValueType() != JsonValue.ValueType.NULL) {
            if (!(body.get("expiresInDays") instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
                throw SesameException.invalid("expiresInDays", "must be a whole number of days");
            }
            days = n.bigIntegerValue().bitLength() > 31 ? Integer.MAX_VALUE : n.intValue();
        }
        URI issuer = url(urls, "issuer", string(body, "issuer"), true);
        String audience;
        try {
            audience = TrustRules.audience(string(body, "audience"));
        } catch (IllegalArgumentException e) {
            throw SesameException.invalid("audience", e.getMessage());
        }
        ClaimPattern subject = pattern("subject", string(body, "subject"));
        Map<String, ClaimPattern> claims = new LinkedHashMap<>();
        if (body.containsKey("claims") && body.get("claims").getValueType() != JsonValue.ValueType.NULL) {
            if (!(body.get("claims") instanceof JsonObject object)) {
                throw SesameException.invalid("claims", "must be an object of claim path to expected value");
            }
            if (object.size() > TrustRules.MAX_REQUIRED_CLAIMS) {
                throw SesameException.invalid("claims", "at most " + TrustRules.MAX_REQUIRED_CLAIMS + " required claims");
            }
            for (Map.Entry<String, JsonValue> claim : object.entrySet()) {
                try {
                    TrustRules.claimPath(claim.getKey());
                } catch (IllegalArgumentException e) {
                    throw SesameException.invalid("claims", e.getMessage());
                }
                if (!(claim.getValue() instanceof JsonString value)) {
                    throw SesameException.invalid("claims." + claim.getKey(), "must be a string (a value, '*' for any run of characters)");
                }
                claims.put(claim.getKey(), pattern("claims." + claim.getKey(), value.getString()));
            }
        }
        if (!subject.isLiteral() && claims.values().stream().noneMatch(ClaimPattern::isLiteral)) {
            // '*' also matches ':' and '/': a wildcard subject alone can reach other repositories, branches or pull requests
            throw SesameException.invalid("claims", "a subject with '*' needs at least one exact required claim (e.g. GitHub's "
                    + "repository_owner_id or repository, Kubernetes' kubernetes.io/namespace)");
        }
        boolean hasUri = body.containsKey("jwksUri") && body.get("jwksUri").getValueType() != JsonValue.ValueType.NULL;
        boolean hasJwks = body.containsKey("jwks") && body.get("jwks").getValueType() != JsonValue.ValueType.NULL;
        if (hasUri && hasJwks) {
            throw SesameException.invalid("jwks", "give jwksUri or a pinned jwks, not both (neither: OpenID discovery from the issuer)");
        }
        URI jwksUri = hasUri ? url(urls, "jwksUri", string(body, "jwksUri"), false) : null;
        JWKSet pinned = null;
        if (hasJwks) {
            if (!(body.get("jwks") instanceof JsonObject jwks)) {
                throw SesameException.invalid("jwks", "must be a JWK set object ({\"keys\": […]})");
            }
            try {
                pinned = TrustRules.pinned(jwks.toString());
            } catch (IllegalArgumentException e) {
                throw SesameException.invalid("jwks", e.getMessage());
            }
        }
        if (!(body.get("policy") instanceof JsonObject policyJson)) {
            throw SesameException.invalid("policy", "is required: {\"permissions\": […], \"scope\": {…}}");
        }
        AccessPolicy policy = PolicyJson.parse(policyJson); // its PolicyViolation names the field
        return new Draft(name, days, new TrustRules(issuer, audience, subject, claims, jwksUri, pinned), policy);
    }

    /** The stored form of the required claims. */
    public static String claimsToJson(Map<String, ClaimPattern> claims) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        claims.forEach((path, pattern) -> json.add(path, pattern.toString()));
        return json.build().toString();
    }

    /** Rules as stored (checked when stored; read back without the URL rules, which may have changed since). */
    public static TrustRules stored(String issuer, String audience, String subject, String claimsJson, String jwksUri, String pinnedJwks) {
        Map<String, ClaimPattern> claims = new LinkedHashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(claimsJson))) {
            reader.readObject().forEach((path, value) -> claims.put(path, ClaimPattern.of(((JsonString) value).getString())));
        }
        return new TrustRules(URI.create(issuer), audience, ClaimPattern.of(subject), claims,
                jwksUri == null ? null : URI.create(jwksUri), pinnedJwks == null ? null : TrustRules.pinned(pinnedJwks));
    }

    /** The rules for display: never anything secret (there is none: public keys and patterns). */
    public static JsonObject toJson(TrustRules rules) {
        JsonObjectBuilder claims = Json.createObjectBuilder();
        rules.requiredClaims().forEach((path, pattern) -> claims.add(path, pattern.toString()));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("issuer", rules.issuer().toString())
                .add("audience", rules.audience())
                .add("subject", rules.subject().toString())
                .add("claims", claims)
                .add("keySource", rules.keySource());
        if (rules.jwksUri() != null) {
            json.add("jwksUri", rules.jwksUri().toString());
        }
        if (rules.pinnedJwks() != null) {
            try (JsonReader reader = Json.createReader(new StringReader(rules.pinnedJwks().toString(true)))) {
                json.add("jwks", reader.readObject());
            }
        }
        return json.build();
    }

    private static String string(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw SesameException.invalid(field, "is required");
        }
        if (!(value instanceof JsonString s)) {
            throw SesameException.invalid(field, "must be a string");
        }
        return s.getString();
    }

    private static URI url(IssuerUrls urls, String field, String value, boolean issuer) {
        try {
            return urls.check(value, issuer);
        } catch (IllegalArgumentException e) {
            throw SesameException.invalid(field, e.getMessage());
        }
    }

    private static ClaimPattern pattern(String field, String value) {
        try {
            return ClaimPattern.of(value);
        } catch (IllegalArgumentException e) {
            throw SesameException.invalid(field, e.getMessage());
        }
    }
}
