package io.sesame.access.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who acts and what they hold. Built by the door that authenticated them ({@link #key}, {@link #portalUser}) or by
 * Sesame's own jobs ({@link #system}); the services that change keys and applications check it ({@link #require}) and
 * record {@link #name()} in the lifecycle audit.
 *
 * @param name        the acting principal as audited: {@code key:<id>}, {@code portal:<user>}, {@code system:<job>}
 * @param keyId       the acting key's id, for a key; else null
 * @param permissions what it may do
 * @param approval    the approved request this actor carries out, or null: only {@code io.sesame.approval} attaches one
 *                    ({@link #carrying}), after a second person approved it (ArchitectureTest)
 */
public record Actor(String name, String keyId, Set<Permission> permissions, Approval approval) {

    /** A four-eyes request another person approved: its id and who asked for it (accountable for what it creates). */
    public record Approval(long requestId, String requestedBy, String approvedBy) {
    }

    /** What the audit and provenance columns hold (varchar 200); the principal at the front always survives. */
    static final int NAME_LIMIT = 200;

    public Actor {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public Actor(String name, String keyId, Set<Permission> permissions) {
        this(name, keyId, permissions, null);
    }

    /** A key, with the permissions of the token (or signature) it presented. */
    public static Actor key(String keyId, Set<Permission> granted) {
        return new Actor("key:" + keyId, keyId, granted);
    }

    /** A portal user, with the permissions the portal grants their role. */
    public static Actor portalUser(String username, Set<Permission> permissions) {
        return new Actor("portal:" + username, null, permissions);
    }

    /** One of Sesame's own jobs (expiry, alerts' auto-suspension, reuse detection, applying a review's decisions). */
    public static Actor system(String job) {
        return new Actor("system:" + job, null, EnumSet.allOf(Permission.class));
    }

    /** The same actor, with why it acts recorded beside its name ({@code portal:ann (approving request 7)}). */
    public Actor because(String reason) {
        return new Actor(fit(name + " (" + reason + ")"), keyId, permissions, approval);
    }

    /** The same actor carrying out an approved request (the gate in {@link FourEyesGates#require} lets it pass). */
    public Actor carrying(Approval approved) {
        return new Actor(name, keyId, permissions, approved);
    }

    /** Sesame's own jobs: never held up by four-eyes (they only narrow, expire or revoke). */
    public boolean isSystem() {
        return name.startsWith("system:");
    }

    /**
     * Who answers for what this change creates, as recorded in created_by / roles_changed_by: the requester of an
     * approved request (so that an account they asked for stays theirs in the four-eyes provenance), else this actor.
     */
    public String provenance() {
        return approval == null ? name : fit(principal(approval.requestedBy()) + " (approved by " + principal(approval.approvedBy())
                + ", request " + approval.requestId() + ")");
    }

    /** A name without the reasons recorded beside it ({@code portal:ann (approving request 7)} → {@code portal:ann}). */
    public static String principal(String name) {
        int reason = name.indexOf(" (");
        return reason < 0 ? name : name.substring(0, reason);
    }

    private static String fit(String name) {
        return name.length() <= NAME_LIMIT ? name : name.substring(0, NAME_LIMIT - 1) + "…";
    }

    public boolean holds(Permission permission) {
        return permissions.contains(permission);
    }

    /**
     * No escalation through grants. SES actions ({@code ses:*}) are what a key manager hands out (holding them would
     * make every admin key a sender); Sesame's own permissions ({@code sesame:*}) need {@code sesame:ManageAdmins}, and
     * the administrative ones (managing keys, applications, monitoring, reading the audit…) must also be held by the
     * actor itself. Only what {@code after} adds to {@code before} is checked: narrowing is always allowed.
     *
     * @throws SesameException FORBIDDEN {@code grant_exceeds_actor} naming what the actor may not grant
     */
    public void requireMayGrant(Set<Permission> before, Set<Permission> after) {
        Set<Permission> added = after.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(after);
        added.removeAll(before);
        java.util.List<String> refused = new java.util.ArrayList<>();
        for (Permission p : added) {
            boolean allowed = !p.isSesameAction()
                    || holds(Permission.MANAGE_ADMINS) && (p.area() != Permission.Area.ADMINISTRATION || holds(p));
            if (!allowed) {
                refused.add(p.action());
            }
        }
        if (!refused.isEmpty()) {
            throw new SesameException(ErrorKind.FORBIDDEN, "grant_exceeds_actor", name + " may not grant " + String.join(", ", refused)
                    + ": Sesame's own permissions need sesame:ManageAdmins, and the administrative ones must be held by whoever grants them");
        }
    }

    /** @throws SesameException FORBIDDEN {@code permission_missing} unless the actor holds the permission */
    public void require(Permission permission) {
        if (!holds(permission)) {
            throw new SesameException(ErrorKind.FORBIDDEN, "permission_missing", name + " does not hold " + permission.action());
        }
    }
}
