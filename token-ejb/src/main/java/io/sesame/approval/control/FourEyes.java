package io.sesame.approval.control;

/**
 * Who may approve a request: not the requester, and not an account the requester created or last gave its roles to
 * (one person with a second account is not four eyes). Names are principals ({@code portal:ann}, {@code key:…}).
 */
public final class FourEyes {

    private FourEyes() {
    }

    /**
     * @param createdBy      who created the approver's account (a principal, possibly with a reason beside it), or null
     * @param rolesChangedBy who last changed the approver's roles, or null
     * @return null when the approver may approve, else why not
     */
    public static String refusal(String requester, String approver, String createdBy, String rolesChangedBy) {
        if (principal(requester).equals(principal(approver))) {
            return "You requested this change: another admin must approve it";
        }
        if (createdBy != null && principal(createdBy).equals(principal(requester))) {
            return principal(requester) + " created your account: an admin they did not create must approve it";
        }
        if (rolesChangedBy != null && principal(rolesChangedBy).equals(principal(requester))) {
            return principal(requester) + " gave your account its roles: an admin they did not elevate must approve it";
        }
        return null;
    }

    /** A name without the reasons recorded beside it ({@code portal:ann (approving request 7)} → {@code portal:ann}). */
    public static String principal(String name) {
        int reason = name.indexOf(" (");
        return reason < 0 ? name : name.substring(0, reason);
    }
}
