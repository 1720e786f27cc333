package io.sesame.approval.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may approve a request: someone the requester cannot be. Sesame knows principals ({@code portal:ann},
 * {@code key:…}, {@code system:…}). A key is its maker's (whoever issued, collected or rotated it saw its secret), so
 * keys stand for their maker. An account's creator saw its first password and could have taken it over, and whoever
 * elevated it chose its power: so no approver may be made by the requester (created or elevated, directly or through
 * accounts and keys they made), nor be a maker of the requester, nor share a maker with it. Only accounts created by
 * Sesame itself (at bootstrap, from the operator's configuration) have no maker: they are the roots of trust, and
 * four-eyes needs two of them ({@code sesame.bootstrap.additional-admins}). Names may carry a reason beside them.
 */
public final class FourEyes {

    /** How many principals a provenance may span; a longer one is refused rather than trusted (fail closed). */
    static final int MAX_PRINCIPALS = 64;

    private FourEyes() {
    }

    /**
     * Where a principal comes from.
     *
     * @param createdBy  who made it (a principal, reasons allowed), or null when Sesame itself did or nobody recorded it
     * @param elevatedBy who gave it more since (role changes, policy versions); nulls allowed
     * @param key        whether it is a key (it then stands for its maker)
     */
    public record Origin(String createdBy, List<String> elevatedBy, boolean key) {

        /** Sesame's own jobs, accounts it created, and principals Sesame does not know: no maker. */
        public static final Origin ROOT = new Origin(null, List.of(), false);
    }

    /**
     * @param subject the principal the request is about ({@code portal:bob} for his roles, {@code key:…} for its
     *                policy or rotation), or null for a new key or account
     * @return null when the approver may approve, else why not
     */
    public static String refusal(String requester, String approver, String subject, Function<String, Origin> origins) {
        String asked = principal(requester);
        String approving = principal(approver);
        if (asked.equals(approving)) {
            return "You requested this change: another person must approve it";
        }
        String askedBy = holder(asked, origins);
        String approvingBy = holder(approving, origins);
        Set<String> askedMakers = askedBy == null ? null : makers(asked, askedBy, origins);
        Set<String> approvingMakers = approvingBy == null ? null : makers(approving, approvingBy, origins);
        if (askedMakers == null || approvingMakers == null) {
            return "The provenance is too long to check: another person must approve it";
        }
        if (askedBy.equals(approvingBy)) {
            return approving + " and " + asked + " are " + askedBy + "'s: another person must approve it";
        }
        if (approvingMakers.contains(askedBy)) {
            return askedBy + " created or elevated " + describe(approving, approvingBy) + ": a person they did not make must approve it";
        }
        if (askedMakers.contains(approvingBy)) {
            return approvingBy + " made " + describe(asked, askedBy) + ", who asks: a person independent of both must approve it";
        }
        for (String maker : askedMakers) {
            if (approvingMakers.contains(maker)) {
                return maker + " made both " + askedBy + " and " + approvingBy + ": a person independent of both must approve it";
            }
        }
        if (subject != null) {
            String about = holder(principal(subject), origins);
            Set<String> aboutMakers = about == null ? null : makers(principal(subject), about, origins);
            if (aboutMakers == null || about.equals(approvingBy) || aboutMakers.contains(approvingBy)) {
                return "This change is about you, or about something you made: another person must approve it";
            }
        }
        return null;
    }

    private static String describe(String principal, String holder) {
        return principal.equals(holder) ? holder : holder + " (who holds " + principal + ")";
    }

    /** Who stands behind a principal: a key's maker (through keys that made keys), else the principal; null when too long. */
    static String holder(String principal, Function<String, Origin> origins) {
        String current = principal;
        Set<String> seen = new LinkedHashSet<>();
        while (true) {
            if (!seen.add(current) || seen.size() > MAX_PRINCIPALS) {
                return null;
            }
            Origin origin = origins.apply(current);
            if (!origin.key() || origin.createdBy() == null) {
                return current;
            }
            current = principal(origin.createdBy());
        }
    }

    /**
     * Everyone who made or elevated a principal, directly or through those who made them (holders of keys, not the
     * keys), its own holder and Sesame's own jobs left out; null when the provenance is longer than the bound.
     */
    static Set<String> makers(String principal, String holder, Function<String, Origin> origins) {
        Set<String> makers = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(principal));
        Set<String> visited = new LinkedHashSet<>();
        while (!next.isEmpty()) {
            String current = next.removeFirst();
            if (!visited.add(current)) {
                continue;
            }
            if (visited.size() > MAX_PRINCIPALS) {
                return null;
            }
            Origin origin = origins.apply(current);
            List<String> direct = new ArrayList<>(origin.elevatedBy());
            direct.add(origin.createdBy());
            for (String maker : direct) {
                if (maker == null || principal(maker).startsWith("system:")) {
                    continue;
                }
                String by = holder(principal(maker), origins);
                if (by == null) {
                    return null;
                }
                if (!by.equals(holder)) {
                    makers.add(by);
                }
                next.addLast(by);
            }
        }
        return makers;
    }

    /** A name without the reasons recorded beside it ({@code portal:ann (approving request 7)} → {@code portal:ann}). */
    public static String principal(String name) {
        return io.sesame.access.control.Actor.principal(name);
    }
}
