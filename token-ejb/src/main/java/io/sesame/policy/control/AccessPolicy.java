package io.sesame.policy.control;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** One version of a key's policy: what it may do (permissions) and on what (scope). Immutable. */
public record AccessPolicy(Set<Permission> permissions, ResourceScope scope) {

    public AccessPolicy {
        for (Permission p : permissions) {
            if (!p.grantableToKeys()) {
                throw new PolicyViolation("policy.permissions", "'" + p.action() + "' is held by portal admins only and cannot be granted to a key");
            }
        }
        permissions = permissions.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Permission.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /**
     * The permissions an access token gets for a requested OAuth scope (space-separated action names):
     * all of the key's when none is requested, else exactly the requested ones, each of which the key must hold.
     *
     * @throws ScopeNotGrantedException naming the first action the key lacks or that is unknown
     */
    public Set<Permission> downScope(String requestedScope) {
        if (requestedScope == null || requestedScope.isBlank()) {
            return permissions;
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String action : requestedScope.strip().split("\\s+")) {
            Permission permission = Permission.byAction(action)
                    .orElseThrow(() -> new ScopeNotGrantedException("unknown action '" + action + "'"));
            if (!permissions.contains(permission)) {
                throw new ScopeNotGrantedException("the key does not hold '" + action + "'");
            }
            granted.add(permission);
        }
        return Collections.unmodifiableSet(granted);
    }

    /** Whether this policy grants anything the other does not (a widening needs four-eyes approval). */
    public boolean widens(AccessPolicy previous) {
        return !previous.permissions.containsAll(permissions) || ScopeComparison.widens(scope, previous.scope);
    }
}
