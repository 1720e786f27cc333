package io.sesame.policy.control;

import io.sesame.platform.control.Cidr;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Decides whether a new scope grants more than an old one. Conservative: any doubt counts as widening. */
final class ScopeComparison {

    private ScopeComparison() {
    }

    static boolean widens(ResourceScope next, ResourceScope previous) {
        return listWidens(next.fromAddresses(), previous.fromAddresses(), AddressPattern::toString)
                || listWidens(next.fromDisplayNames(), previous.fromDisplayNames(), Function.identity())
                || listWidens(next.templates(), previous.templates(), Function.identity())
                || (previous.configurationSet() != null && !Objects.equals(next.configurationSet(), previous.configurationSet()))
                || listWidens(next.recipientDomainsAllow(), previous.recipientDomainsAllow(), Function.identity())
                || denyListShrinks(next.recipientDomainsDeny(), previous.recipientDomainsDeny())
                || limitGrows(next.maxRecipients(), previous.maxRecipients())
                || limitGrows(next.ratePerSecond(), previous.ratePerSecond())
                || limitGrows(next.dailyQuota(), previous.dailyQuota())
                || limitGrows(next.dailyRecipientQuota(), previous.dailyRecipientQuota())
                || listWidens(next.replyToAddresses(), previous.replyToAddresses(), AddressPattern::toString)
                || listWidens(next.ipAllow(), previous.ipAllow(), Cidr::toString)
                || defaultedLimitChanges(next.tokenTtlSeconds(), previous.tokenTtlSeconds())
                || limitGrows(next.credentialTtlSeconds(), previous.credentialTtlSeconds())
                || next.allowsCoarseCredentials() && !previous.allowsCoarseCredentials()
                || previous.requiresDpop() && !next.requiresDpop();
    }

    private static <T> boolean listWidens(List<T> next, List<T> previous, Function<T, String> key) {
        if (previous == null) {
            return false;
        }
        if (next == null) {
            return true;
        }
        return !new HashSet<>(previous.stream().map(key).toList()).containsAll(next.stream().map(key).toList());
    }

    private static boolean denyListShrinks(List<String> next, List<String> previous) {
        if (previous == null) {
            return false;
        }
        return next == null || !new HashSet<>(next).containsAll(previous);
    }

    /**
     * A limit whose absence means a configured default, not "unlimited" (the token lifetime): setting it where it was
     * absent, or removing it, may grow it, since the default is not known here — so either counts as widening.
     */
    private static <N extends Number & Comparable<N>> boolean defaultedLimitChanges(N next, N previous) {
        if (previous == null || next == null) {
            return !Objects.equals(next, previous);
        }
        return next.compareTo(previous) > 0;
    }

    private static <N extends Number & Comparable<N>> boolean limitGrows(N next, N previous) {
        if (previous == null) {
            return false;
        }
        return next == null || next.compareTo(previous) > 0;
    }
}
