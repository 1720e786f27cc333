package io.sesame.sigv4.boundary;

import io.sesame.audit.control.CallContext;
import io.sesame.cluster.boundary.ClusterGrid;
import io.sesame.cluster.control.SeenOnce;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.ErrorKind;
import io.sesame.policy.control.ReasonCode;
import io.sesame.sigv4.control.SigV4Failure;
import io.sesame.sigv4.control.SigV4Verifier;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.boundary.SigV4Secrets;
import io.sesame.token.boundary.TokenService;
import io.sesame.token.control.KeyState;
import io.sesame.token.entity.ApiKey;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates a request to the SES-compatible endpoint: the SigV4 signature under the key's SigV4 secret (service
 * "ses", the configured region, at most 5 minutes of clock skew), then the same admission as a token exchange
 * (revoked, suspended, expired, rotated past grace, client IP). The caller gets the key's permissions.
 */
@Stateless
public class SigV4Authenticator {

    public static final String SERVICE = "ses";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    /**
     * Longer than a signature stays valid either side of its time (2 × the skew), so no replay outlives the memory.
     * Every method is guarded (a replayed read would show what only the key may see); SDKs sign each attempt anew
     * (amz-sdk-request: attempt=N), so their retries are never mistaken for replays.
     */
    static final Duration REPLAY_MEMORY = MAX_SKEW.multipliedBy(2).plusMinutes(1);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    SesameSettings settings;

    @Inject
    SigV4Secrets secrets;

    @Inject
    KeyDirectory directory;

    @EJB
    TokenService tokens;

    @Inject
    ClusterGrid grid;

    /**
     * What can be checked before the body is read: a well-formed Authorization header naming an existing key. A flood of
     * unauthenticated uploads is then refused without reading (or buffering) a byte of them.
     *
     * @throws SigV4Failure (unattributed: no key to audit against)
     */
    public void precheck(List<Map.Entry<String, String>> headers) {
        String accessKeyId = SigV4Verifier.accessKeyIdOf(headers);
        if (accessKeyId.length() > 40 || directory.find(accessKeyId) == null) {
            throw new SigV4Failure(ErrorKind.UNAUTHENTICATED, "UnrecognizedClientException", "The security token included in the request is invalid");
        }
    }

    /**
     * @throws SigV4Failure for a bad signature (no state change) or a key that may not be used (refusal recorded); when
     *                      the request named an existing key, the failure is attributed to it for the audit
     */
    public CallContext authenticate(SigV4Verifier.Request request, String clientIp, String userAgent, String requestId, String action) {
        SigV4Verifier verifier = new SigV4Verifier(SERVICE, Set.of(settings.aws().region()), MAX_SKEW, true);
        SigV4Verifier.Verified verified;
        try {
            verified = verifier.verify(request, this::secretOf, Instant.now());
        } catch (SigV4Failure failure) {
            String named = namedKey(request);
            KeyState key = named == null ? null : directory.find(named);
            throw key == null ? failure : failure.attributedTo(key.keyId(), key.applicationId(), "signature_invalid");
        }
        KeyState key = directory.find(verified.accessKeyId());
        if (key == null || key.federated()) { // a trust policy's key has no SigV4 secret; refused by name too, fail closed
            throw new SigV4Failure(ErrorKind.UNAUTHENTICATED, "UnrecognizedClientException", "The security token included in the request is invalid");
        }
        TokenService.Refusal refusal = tokens.admit(key, clientIp, action);
        if (refusal != null) {
            throw new SigV4Failure(ErrorKind.FORBIDDEN, "AccessDeniedException", "The key cannot be used: " + refusal.description())
                    .attributedTo(key.keyId(), key.applicationId(), refusal.reason().code());
        }
        if (key.policy().scope().requiresDpop()) { // after the key's own checks (reuse detection, expiry): the same control at every door: a SigV4 request proves no client key
            throw new SigV4Failure(ErrorKind.FORBIDDEN, "AccessDeniedException", "The key requires DPoP-bound tokens "
                    + "(scope.requireDpop): use the REST API with DPoP; its SigV4 door is closed")
                    .attributedTo(key.keyId(), key.applicationId(), io.sesame.policy.control.ReasonCode.DPOP_PROOF_INVALID.code());
        }

        SeenOnce.Sighting sighting;
        try {
            sighting = grid.sighting(replayId(verified), REPLAY_MEMORY);
        } catch (IllegalStateException gridDown) {
            throw new SigV4Failure(ErrorKind.UNAVAILABLE, "ServiceUnavailable", "Sesame cannot check signed requests for replays right now; retry "
                    + "shortly (a retry is signed anew)");
        }
        if (sighting == SeenOnce.Sighting.FULL) {
            throw new SigV4Failure(ErrorKind.UNAVAILABLE, "ServiceUnavailable", "Sesame remembers as many signed requests as it may; retry shortly");
        }
        if (sighting == SeenOnce.Sighting.REPEATED) {
            // a signature is valid for ±5 minutes: whoever captured a signed request could otherwise send it again
            throw new SigV4Failure(ErrorKind.UNAUTHENTICATED, "InvalidSignatureException", "This signed request was already received; a signed "
                    + "request is accepted once (sign each request anew)")
                    .attributedTo(key.keyId(), key.applicationId(), ReasonCode.REQUEST_REPLAYED.code());
        }
        return new CallContext(key.keyId(), key.applicationId(), null, key.policy().permissions(), clientIp, userAgent, requestId);
    }

    private static String replayId(SigV4Verifier.Verified verified) {
        return "sigv4:" + verified.accessKeyId() + ":" + verified.signature();
    }

    private static String namedKey(SigV4Verifier.Request request) {
        try {
            String id = SigV4Verifier.accessKeyIdOf(request.headers());
            return id.length() > 40 ? null : id;
        } catch (SigV4Failure malformed) {
            return null;
        }
    }

    private String secretOf(String accessKeyId) {
        ApiKey key = accessKeyId.length() > 40 ? null : em.find(ApiKey.class, accessKeyId);
        return key == null ? null : secrets.open(key);
    }
}
