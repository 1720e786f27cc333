package io.sesame.review.control;

import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Least privilege from the audit: which granted permissions a key has not used in a period, and the policy that
 * keeps only what it used (same scope). Sesame's own administrative permissions count as used when granted,
 * because their use is not a call event.
 */
public final class UnusedPermissions {

    private UnusedPermissions() {
    }

    public static Set<Permission> unused(Set<Permission> granted, Set<String> usedActions) {
        Set<Permission> unused = EnumSet.noneOf(Permission.class);
        for (Permission p : granted) {
            if (p.isSesAction() && !usedActions.contains(p.action())) {
                unused.add(p);
            }
        }
        return unused;
    }

    /** The policy reduced to what was used; null when nothing would remain (revoke instead). */
    public static AccessPolicy reduceToUsed(AccessPolicy policy, Set<String> usedActions) {
        Set<Permission> kept = EnumSet.noneOf(Permission.class);
        kept.addAll(policy.permissions());
        kept.removeAll(unused(policy.permissions(), usedActions));
        return kept.isEmpty() ? null : new AccessPolicy(kept, policy.scope());
    }
}
