package io.sesame.api.security;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token {@link AuthorizationFilter} verified, seen through MicroProfile JWT's {@link JsonWebToken}: Sesame verifies
 * its own tokens (once per token, for speed) but code in this war reads them as any MP-JWT service would. Claim types
 * follow the MP-JWT spec: registered string claims as String, times as Long (epoch seconds), {@code aud} and
 * {@code groups} as Set&lt;String&gt;, {@code raw_token} the compact token, every other claim as a JSON-P value.
 */
public final class VerifiedJsonWebToken implements JsonWebToken {

    private static final Set<String> STRINGS = Set.of(Claims.iss.name(), Claims.sub.name(), Claims.jti.name(),
            Claims.upn.name(), Claims.preferred_username.name());
    private static final Set<String> TIMES = Set.of(Claims.exp.name(), Claims.iat.name(), Claims.nbf.name(),
            Claims.auth_time.name());

    private final JWTClaimsSet claims;
    private final String raw;

    public VerifiedJsonWebToken(JWTClaimsSet claims, String raw) {
        this.claims = claims;
        this.raw = raw;
    }

    /** MP-JWT's principal name: {@code upn}, else {@code preferred_username}, else {@code sub} — for Sesame the key id. */
    @Override
    public String getName() {
        for (String claim : List.of(Claims.upn.name(), Claims.preferred_username.name(), Claims.sub.name())) {
            Object value = claims.getClaim(claim);
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.getClaims().keySet());
        if (raw != null) {
            names.add(Claims.raw_token.name());
        }
        return Set.copyOf(names);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        if (Claims.raw_token.name().equals(name)) {
            return (T) raw;
        }
        Object value = claims.getClaim(name);
        if (value == null) {
            return null;
        }
        if (STRINGS.contains(name)) {
            return (T) value.toString();
        }
        if (TIMES.contains(name)) {
            return (T) (value instanceof Date d ? Long.valueOf(d.toInstant().getEpochSecond()) : Long.valueOf(((Number) value).longValue()));
        }
        if (Claims.aud.name().equals(name) || Claims.groups.name().equals(name)) {
            return (T) (value instanceof Collection<?> c ? c.stream().filter(java.util.Objects::nonNull).map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet())
                    : Set.of(value.toString()));
        }
        return (T) json(value);
    }

    /** The granted permissions; empty (not null) for a token without a {@code groups} claim. */
    @Override
    public Set<String> getGroups() {
        Set<String> groups = getClaim(Claims.groups.name());
        return groups == null ? Set.of() : groups;
    }

    private static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof String s) {
            return Json.createValue(s);
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return Json.createValue(n.doubleValue());
        }
        if (value instanceof Collection<?> c) {
            var array = Json.createArrayBuilder();
            c.forEach(v -> array.add(json(v)));
            return array.build();
        }
        if (value instanceof Map<?, ?> m) {
            var object = Json.createObjectBuilder();
            m.forEach((k, v) -> object.add(String.valueOf(k), json(v)));
            return object.build();
        }
        return Json.createValue(String.valueOf(value));
    }
}
