package io.sesame.dpop.boundary;

import io.sesame.cluster.boundary.ClusterGrid;
import io.sesame.cluster.control.SeenOnce;
import io.sesame.dpop.control.DpopProof;
import io.sesame.policy.control.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;

/**
 * Checks DPoP proofs and refuses a proof seen before: its id is remembered for as long as it could be accepted, across
 * the cluster in cluster mode (a proof replayed against another instance is refused too).
 */
@ApplicationScoped
public class DpopVerifier {

    @Inject
    DpopSettings settings;

    @Inject
    ClusterGrid grid;

    /** A proof's outcome: the key's thumbprint, or why not with the audit's reason. */
    public record Outcome(String jkt, String refusal, ReasonCode reason) {
        public boolean valid() {
            return refusal == null;
        }
    }

    public Outcome verify(String proof, String method, URI requestUrl, String accessToken) {
        DpopProof.Verdict verdict = DpopProof.check(proof, method, requestUrl, accessToken, Instant.now(), settings.proofWindow(),
                settings.clockSkew());
        if (verdict instanceof DpopProof.Invalid invalid) {
            return new Outcome(null, invalid.description(), ReasonCode.DPOP_PROOF_INVALID);
        }
        DpopProof.Valid valid = (DpopProof.Valid) verdict;
        SeenOnce.Sighting sighting;
        try {
            sighting = grid.sighting("dpop|" + valid.jkt() + "|" + valid.jti(),
                    settings.proofWindow().plus(settings.clockSkew()).plus(settings.clockSkew()));
        } catch (IllegalStateException unavailable) { // the cluster's replay memory does not answer: fail closed
            return new Outcome(null, "DPoP proofs cannot be checked for replay right now; retry", ReasonCode.DPOP_PROOF_INVALID);
        }
        return switch (sighting) {
            case FIRST -> new Outcome(valid.jkt(), null, null);
            case REPEATED -> new Outcome(null, "the DPoP proof was used before (its jti is replayed): make a new proof for each request",
                    ReasonCode.REQUEST_REPLAYED);
            case FULL -> new Outcome(null, "too many DPoP proofs to remember right now; retry with a new proof",
                    ReasonCode.DPOP_PROOF_INVALID);
        };
    }

    public DpopSettings settings() {
        return settings;
    }
}
