package io.sesame.policy.control;

import java.util.List;

/**
 * The policy engine's verdict. Allowed when there is no reason; {@code configurationSet} is the one to use
 * (the pinned set is injected when the request named none).
 */
public record Decision(List<Reason> reasons, String configurationSet) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    public boolean allowed() {
        return reasons.isEmpty();
    }

    /** The first reason: what a denial answers with. */
    public Reason primary() {
        return reasons.isEmpty() ? null : reasons.get(0);
    }
}
