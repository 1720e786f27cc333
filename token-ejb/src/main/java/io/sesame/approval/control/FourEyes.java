package io.sesame.approval.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may approve a request: not the requester, not the account or key the request is about, and not an account or key
 * the requester created or elevated — directly or through accounts and keys they made (one person with a chain of
 * second accounts is not four eyes). Names are principals ({@code portal:ann}, {@code key:…}, {@code system:…}),
 * possibly with a reason beside them.
 */
public final class FourEyes {

    /** How far provenance is followed; a longer chain is refused rather than trusted (fail closed). */
    static final int MAX_PRINCIPALS = 64;

    private FourEyes() {
    }

    /**
     * @param subject   the principal the request is about ({@code portal:bob} for his roles, {@code key:…} for its
     *                  policy), or null for a new key or account
     * @param makersOf  for a principal, who created it and who last elevated it (principals, reasons allowed; nulls
     *                  ignored); empty for Sesame's own jobs and unknown names
     * @return null when the approver may approve, else why not
     */
    public static String refusal(String requester, String approver, String subject, Function<String, List<String>> makersOf) {
        String asked = principal(requester);
        String approving = principal(approver);
        if (asked.equals(approving)) {
            return "You requested this change: another admin must approve it";
        }
        if (subject != null && principal(subject).equals(approving)) {
            return "This change is about you: another admin must approve it";
        }
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(approving));
        while (!next.isEmpty()) {
            String principal = next.removeFirst();
            if (!seen.add(principal)) {
                continue;
            }
            if (seen.size() > MAX_PRINCIPALS) {
                return "Your account's provenance is too long to check: another admin must approve it";
            }
            for (String maker : makersOf.apply(principal)) {
                if (maker == null) {
                    continue;
                }
                String made = principal(maker);
                if (made.equals(asked)) {
                    return asked + (principal.equals(approving) ? " created or elevated your account"
                            : " created or elevated " + principal + ", from which your account comes")
                            + ": an admin they did not make must approve it";
                }
                next.addLast(made);
            }
        }
        return null;
    }

    /** A name without the reasons recorded beside it ({@code portal:ann (approving request 7)} → {@code portal:ann}). */
    public static String principal(String name) {
        int reason = name.indexOf(" (");
        return reason < 0 ? name : name.substring(0, reason);
    }
}
