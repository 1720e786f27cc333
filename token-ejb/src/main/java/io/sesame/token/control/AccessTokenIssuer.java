package io.sesame.token.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sesame.policy.control.Permission;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Mints access tokens: MicroProfile JWTs in the RFC 9068 profile ({@code typ: at+jwt}), ES256. {@code groups}
 * carries the granted permissions so that {@code @RolesAllowed("ses:SendEmail")} works.
 */
public final class AccessTokenIssuer {

    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private final String issuer;
    private final String audience;

    public AccessTokenIssuer(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
    }

    public record IssuedToken(String token, String jti, Instant issuedAt, Instant expiresAt, Set<Permission> permissions) {
        public long expiresIn() {
            return Duration.between(issuedAt, expiresAt).getSeconds();
        }

        public String scope() {
            return Permission.actions(permissions);
        }
    }

    public IssuedToken issue(SigningKeyVersion signingKey, String applicationId, String keyId, int policyVersion,
                             Set<Permission> granted, Instant at, Duration ttl, String jti) {
        return issue(signingKey, applicationId, keyId, policyVersion, granted, at, ttl, jti, java.util.Map.of());
    }

    /** @param extraClaims further claims (e.g. RFC 8693's {@code act}); they cannot replace the ones set here */
    public IssuedToken issue(SigningKeyVersion signingKey, String applicationId, String keyId, int policyVersion,
                             Set<Permission> granted, Instant at, Duration ttl, String jti, java.util.Map<String, Object> extraClaims) {
        Instant now = at.truncatedTo(ChronoUnit.SECONDS); // JWT times are whole seconds
        Instant expiresAt = now.plus(ttl);
        List<String> groups = granted.stream().sorted().map(Permission::action).toList();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        extraClaims.forEach(builder::claim);
        JWTClaimsSet claims = builder
                .issuer(issuer)
                .audience(audience)
                .subject(applicationId)
                .claim("client_id", keyId)
                .claim("upn", keyId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .claim("scope", String.join(" ", groups))
                .claim("groups", groups)
                .claim("pv", policyVersion)
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(ACCESS_TOKEN_TYPE)
                .keyID(signingKey.kid())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(Es256.signer(signingKey.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token with " + signingKey.kid(), e);
        }
        return new IssuedToken(jwt.serialize(), jti, now, expiresAt, granted);
    }
}
