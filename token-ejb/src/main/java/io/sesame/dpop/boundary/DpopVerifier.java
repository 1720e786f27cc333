package io.sesame.dpop.boundary;

import io.sesame.cluster.boundary.ClusterGrid;
import io.sesame.cluster.control.SeenOnce;
import io.sesame.dpop.control.DpopProof;
import io.sesame.platform.control.Digests;
import io.sesame.policy.control.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks DPoP proofs and refuses a proof seen before: its id is remembered (as a hash, in a memory of its own) for as
 * long as it could be accepted plus a margin for clocks that disagree, across the cluster in cluster mode. At the token
 * endpoint the id is remembered only once the client has authenticated ({@link #firstSight}), so that strangers cannot
 * fill the memory.
 */
@ApplicationScoped
public class DpopVerifier {

    /** Instances' clocks may disagree beyond the configured skew: proofs are remembered this much longer. */
    static final Duration MEMORY_MARGIN = Duration.ofSeconds(60);

    @Inject
    DpopSettings settings;

    @Inject
    ClusterGrid grid;

    /**
     * A proof's outcome: the key's thumbprint and the proof's id, or why not with the audit's reason; {@code unavailable}
     * when Sesame could not decide (its replay memory is full or unreachable: answered 503, nobody's fault).
     */
    public record Outcome(String jkt, String jti, String refusal, ReasonCode reason, boolean unavailable) {
        public boolean valid() {
            return refusal == null;
        }

        static Outcome refused(String why, ReasonCode reason) {
            return new Outcome(null, null, why, reason, false);
        }
    }

    /** The proof alone: form, signature, method, URL, time, token — without remembering it. */
    public Outcome check(String proof, String method, URI requestUrl, String accessToken) {
        if (settings.problem() != null) {
            return new Outcome(null, null, "DPoP is misconfigured on this server: " + settings.problem(), ReasonCode.DPOP_PROOF_INVALID, true);
        }
        DpopProof.Verdict verdict = DpopProof.check(proof, method, requestUrl, accessToken, Instant.now(), settings.proofWindow(),
                settings.clockSkew());
        if (verdict instanceof DpopProof.Invalid invalid) {
            return Outcome.refused(invalid.description(), ReasonCode.DPOP_PROOF_INVALID);
        }
        DpopProof.Valid valid = (DpopProof.Valid) verdict;
        return new Outcome(valid.jkt(), valid.jti(), null, null, false);
    }

    /** Remembers a valid proof's id; refuses it when seen before. */
    public Outcome firstSight(Outcome valid) {
        SeenOnce.Sighting sighting;
        try {
            sighting = grid.dpopSighting("dpop|" + Digests.sha256Hex(valid.jkt() + "|" + valid.jti()),
                    settings.proofWindow().plus(settings.clockSkew()).plus(MEMORY_MARGIN));
        } catch (IllegalStateException unavailable) { // the cluster's replay memory does not answer: fail closed, 503
            return new Outcome(null, null, "DPoP proofs cannot be checked for replay right now; retry", ReasonCode.DPOP_PROOF_INVALID, true);
        }
        return switch (sighting) {
            case FIRST -> valid;
            case REPEATED -> Outcome.refused("the DPoP proof was used before (its jti is replayed): make a new proof for each request",
                    ReasonCode.REQUEST_REPLAYED);
            case FULL -> new Outcome(null, null, "too many DPoP proofs to remember right now; retry", ReasonCode.DPOP_PROOF_INVALID, true);
        };
    }

    /** At a resource: the proof, then its first sight. */
    public Outcome verify(String proof, String method, URI requestUrl, String accessToken) {
        Outcome checked = check(proof, method, requestUrl, accessToken);
        return checked.valid() ? firstSight(checked) : checked;
    }

    public DpopSettings settings() {
        return settings;
    }
}
