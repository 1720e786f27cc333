package io.sesame.dpop.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sesame.platform.control.Digests;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a DPoP proof (RFC 9449 §4.3) for one request: a JWS typed {@code dpop+jwt}, signed with an asymmetric
 * algorithm by the public key in its own {@code jwk} header (no private part), whose {@code htm} and {@code htu} are
 * this request's method and URL (query and fragment ignored; scheme and host case-insensitive, default ports
 * implied), whose {@code iat} is within the window, with a {@code jti}, and — at a resource — whose {@code ath} is the
 * hash of the access token presented with it. Replay is the caller's to check with the returned id.
 */
public final class DpopProof {

    public static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    /** Proofs are small (a header with a public key, five claims): anything longer is not parsed. */
    public static final int MAX_LENGTH = 8 * 1024;
    static final int MAX_JTI = 64;

    public sealed interface Verdict permits Valid, Invalid {
    }

    /** A valid proof: the RFC 7638 thumbprint of its key, and its id (for the replay check). */
    public record Valid(String jkt, String jti, Instant issuedAt) implements Verdict {
    }

    /** Why a proof is refused; safe to show the caller. */
    public record Invalid(String description) implements Verdict {
    }

    private DpopProof() {
    }

    /**
     * @param accessToken the access token presented with the proof at a resource, or null at the token endpoint
     * @param window      how old a proof may be; it may also be up to {@code skew} in the future
     */
    public static Verdict check(String proof, String method, URI requestUrl, String accessToken, Instant now, Duration window,
                                Duration skew) {
        if (proof == null || proof.isBlank()) {
            return new Invalid("a DPoP proof is required (the DPoP header)");
        }
        if (proof.length() > MAX_LENGTH) {
            return new Invalid("the DPoP proof is longer than " + MAX_LENGTH + " characters");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(proof.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | ClassCastException e) {
            return new Invalid("the DPoP proof is not a signed JWT");
        }
        if (!TYPE.equals(jwt.getHeader().getType())) {
            return new Invalid("the DPoP proof must be typed dpop+jwt");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            return new Invalid("the DPoP proof must be signed with an asymmetric algorithm (ES*, RS*, PS*)");
        }
        JWK jwk = jwt.getHeader().getJWK();
        if (jwk == null || jwk.isPrivate()) {
            return new Invalid("the DPoP proof's header must carry the public key (jwk) it is signed with, and nothing private");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI) {
            return new Invalid("the DPoP proof needs a jti of 1-" + MAX_JTI + " characters");
        }
        Object htm = claims.getClaim("htm");
        if (!(htm instanceof String m) || !m.equals(method)) {
            return new Invalid("the DPoP proof is for another HTTP method (htm)");
        }
        Object htu = claims.getClaim("htu");
        if (!(htu instanceof String u) || !sameTarget(u, requestUrl)) {
            return new Invalid("the DPoP proof is for another URL (htu)");
        }
        Date iat = claims.getIssueTime();
        if (iat == null) {
            return new Invalid("the DPoP proof needs iat");
        }
        Instant issued = iat.toInstant();
        if (issued.isAfter(now.plus(skew)) || issued.isBefore(now.minus(window))) {
            return new Invalid("the DPoP proof's iat is outside the accepted window of " + window.getSeconds() + " s");
        }
        if (accessToken != null) {
            Object ath = claims.getClaim("ath");
            if (!(ath instanceof String a) || !Digests.constantTimeEquals(accessTokenHash(accessToken), a)) {
                return new Invalid("the DPoP proof is for another access token (ath)");
            }
        }
        // the signature last: every cheaper check first, so a flood of proofs for nothing costs little
        try {
            JWSVerifier verifier = null;
            if (jwk instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else if (jwk instanceof RSAKey rsa && soundRsa(rsa)) {
                verifier = new RSASSAVerifier(rsa);
            }
            if (verifier == null || !jwt.verify(verifier)) {
                return new Invalid("the DPoP proof's signature does not verify with its jwk");
            }
        } catch (JOSEException | IllegalStateException e) {
            return new Invalid("the DPoP proof's signature does not verify with its jwk");
        }
        try {
            return new Valid(jwk.computeThumbprint().toString(), jti, issued);
        } catch (JOSEException e) {
            return new Invalid("the DPoP proof's jwk has no thumbprint");
        }
    }

    /**
     * An RSA key worth verifying with: a modulus of 2048-4096 bits (its real length, not its encoding's, which leading
     * zero bytes can pad) and the exponent 65537 (a huge exponent makes each verification costly).
     */
    static boolean soundRsa(RSAKey rsa) {
        int bits = rsa.getModulus().decodeToBigInteger().bitLength();
        return bits >= 2048 && bits <= 4096 && java.math.BigInteger.valueOf(65537).equals(rsa.getPublicExponent().decodeToBigInteger());
    }

    /** {@code ath}: base64url of the SHA-256 of the access token's ASCII. */
    public static String accessTokenHash(String accessToken) {
        return Base64URL.encode(Digests.sha256(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
    }

    /** RFC 9449 §4.3: the htu matches the request's URL without query and fragment (RFC 3986 §6.2.2-3 normalization). */
    static boolean sameTarget(String htu, URI request) {
        URI proof;
        try {
            proof = new URI(htu);
        } catch (URISyntaxException e) {
            return false;
        }
        if (proof.getScheme() == null || proof.getRawAuthority() == null || proof.getRawUserInfo() != null) {
            return false;
        }
        return proof.getScheme().equalsIgnoreCase(request.getScheme())
                && proof.getHost() != null && proof.getHost().equalsIgnoreCase(request.getHost())
                && port(proof) == port(request)
                && path(proof).equals(path(request));
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }

    private static String path(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
