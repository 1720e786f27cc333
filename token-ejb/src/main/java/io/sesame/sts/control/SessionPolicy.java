package io.sesame.sts.control;

/**
 * An IAM session policy generated from a key's policy, and how detailed it could stay within AWS's size limit.
 *
 * @param json   minified policy document
 * @param detail FULL, or the coarser level the generator fell back to
 * @param lost   what of the key's scope the document does not hold at that level (empty at FULL): credential vending
 *               refuses such a policy unless the key opted in ({@code scope.coarseCredentials})
 */
public record SessionPolicy(String json, Detail detail, java.util.List<String> lost) {

    public SessionPolicy {
        lost = java.util.List.copyOf(lost);
    }

    /** Whether the document restricts everything of the scope that a session policy can restrict. */
    public boolean complete() {
        return lost.isEmpty();
    }

    /** From most to least specific; every level still restricts actions and, while it can, From addresses. */
    public enum Detail {
        /** Resource ARNs, From addresses and display names, recipient allow and deny lists. */
        FULL,
        /** Resources widened to "*"; all conditions kept. */
        ANY_RESOURCE,
        /** Exact From addresses widened to their domains ("*@domain"); everything else as ANY_RESOURCE minus display names. */
        DOMAINS_ONLY,
        /** Recipient conditions dropped; actions and From domains kept. */
        FROM_ONLY,
        /** Only the actions. */
        ACTIONS_ONLY
    }
}
