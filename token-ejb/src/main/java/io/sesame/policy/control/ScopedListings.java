package io.sesame.policy.control;

import java.util.Locale;

/**
 * What of an account-wide SES listing a key may see: the same scope rules as its single-item operations, so a
 * listing never shows what the key could not name on its own.
 * <ul>
 * <li>Suppression list: an address is shown when the key's recipient domain rules allow it (not covered by
 *     {@code recipientDomainsDeny}, and covered by {@code recipientDomainsAllow} when that is set), exactly as for
 *     get/put/delete of one suppressed address.</li>
 * <li>Identities: an email identity is shown when one of the key's From patterns ({@code fromAddresses}) allows that
 *     address; a domain identity when one allows addresses in exactly that domain ({@code @example.com} or an
 *     address at example.com for {@code example.com}; {@code *.example.com} for {@code mail.example.com} but not for
 *     {@code example.com} itself, as {@link AddressPattern} reads it).</li>
 * </ul>
 * No restriction of a kind (a null list) shows everything; an empty list shows nothing. Pure.
 */
public final class ScopedListings {

    private ScopedListings() {
    }

    /** Whether a suppressed address is within the key's recipient domains. */
    public static boolean showsSuppressed(ResourceScope scope, String emailAddress) {
        if (emailAddress == null || emailAddress.lastIndexOf('@') <= 0) {
            // Not an address the key could name (get/put/delete refuse it): shown only to an unrestricted key.
            return scope.recipientDomainsAllow() == null && scope.recipientDomainsDeny() == null;
        }
        String domain = PolicyEngine.domainOf(emailAddress);
        if (scope.recipientDomainsDeny() != null && PolicyEngine.coveredBy(domain, scope.recipientDomainsDeny())) {
            return false;
        }
        return scope.recipientDomainsAllow() == null || PolicyEngine.coveredBy(domain, scope.recipientDomainsAllow());
    }

    /** Whether an SES identity (an email address, or a domain) is within the key's From patterns. */
    public static boolean showsIdentity(ResourceScope scope, String identity) {
        if (scope.fromAddresses() == null) {
            return true;
        }
        if (identity == null || identity.isBlank()) {
            return false;
        }
        if (identity.indexOf('@') >= 0) {
            return scope.fromAddresses().stream().anyMatch(p -> p.matches(identity));
        }
        String domain = identity.strip().toLowerCase(Locale.ROOT);
        return scope.fromAddresses().stream().anyMatch(p -> allowsAddressesIn(p, domain));
    }

    /** Whether the pattern allows some address whose domain is exactly {@code domain} (lower case). */
    static boolean allowsAddressesIn(AddressPattern pattern, String domain) {
        return switch (pattern.kind()) {
            case ADDRESS -> PolicyEngine.domainOf(pattern.value()).equals(domain);
            case DOMAIN -> pattern.value().equals(domain);
            case SUBDOMAINS -> domain.endsWith("." + pattern.value());
        };
    }
}
