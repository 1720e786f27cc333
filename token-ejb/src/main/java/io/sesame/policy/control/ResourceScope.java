package io.sesame.policy.control;

import io.sesame.platform.control.Cidr;
import java.util.List;

/**
 * What a key may touch. A null field means "no restriction of that kind"; an empty list means "nothing
 * allowed". Lists are immutable and already validated (see {@link PolicyJson}).
 *
 * @param fromAddresses         allowed From patterns ({@link AddressPattern})
 * @param fromDisplayNames      allowed From display names (exact)
 * @param templates             allowed template names
 * @param configurationSet      pinned configuration set (injected when absent, a different one is denied)
 * @param recipientDomainsAllow recipient domains allowed (a domain also covers its subdomains)
 * @param recipientDomainsDeny  recipient domains denied (wins over allow)
 * @param maxRecipients         To + Cc + Bcc per message
 * @param ratePerSecond         messages per second (token bucket per key)
 * @param dailyQuota            messages per UTC day per key
 * @param dailyRecipientQuota   recipients (To + Cc + Bcc, as SES counts its own daily quota) per UTC day per key
 * @param ipAllow               client networks (CIDR) allowed to use the key and its tokens
 * @param tokenTtlSeconds       lifetime of access tokens minted from the key
 * @param credentialTtlSeconds  longest lifetime of AWS credentials vended to the key (900-43,200 s)
 * @param replyToAddresses      allowed Reply-To patterns ({@link AddressPattern}); the From scope governs Sender and
 *                              Return-Path (bounce and complaint feedback), which act as From addresses
 * @param coarseCredentials     the reviewed opt-in to vend AWS credentials whose session policy cannot hold the whole
 *                              scope (null or false: vending refuses such a scope rather than widen it)
 */
public record ResourceScope(
        List<AddressPattern> fromAddresses,
        List<String> fromDisplayNames,
        List<String> templates,
        String configurationSet,
        List<String> recipientDomainsAllow,
        List<String> recipientDomainsDeny,
        Integer maxRecipients,
        Double ratePerSecond,
        Long dailyQuota,
        List<Cidr> ipAllow,
        Integer tokenTtlSeconds,
        Integer credentialTtlSeconds,
        List<AddressPattern> replyToAddresses,
        Long dailyRecipientQuota,
        Boolean coarseCredentials,
        Boolean requireDpop) {

    public static final ResourceScope UNRESTRICTED =
            new ResourceScope(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** A scope without Reply-To patterns or a recipient quota. */
    public ResourceScope(List<AddressPattern> fromAddresses, List<String> fromDisplayNames, List<String> templates,
                         String configurationSet, List<String> recipientDomainsAllow, List<String> recipientDomainsDeny,
                         Integer maxRecipients, Double ratePerSecond, Long dailyQuota, List<Cidr> ipAllow,
                         Integer tokenTtlSeconds, Integer credentialTtlSeconds) {
        this(fromAddresses, fromDisplayNames, templates, configurationSet, recipientDomainsAllow, recipientDomainsDeny,
                maxRecipients, ratePerSecond, dailyQuota, ipAllow, tokenTtlSeconds, credentialTtlSeconds, null, null, null, null);
    }

    /** A scope as before DPoP: without the requirement. */
    public ResourceScope(List<AddressPattern> fromAddresses, List<String> fromDisplayNames, List<String> templates,
                         String configurationSet, List<String> recipientDomainsAllow, List<String> recipientDomainsDeny,
                         Integer maxRecipients, Double ratePerSecond, Long dailyQuota, List<Cidr> ipAllow,
                         Integer tokenTtlSeconds, Integer credentialTtlSeconds, List<AddressPattern> replyToAddresses,
                         Long dailyRecipientQuota, Boolean coarseCredentials) {
        this(fromAddresses, fromDisplayNames, templates, configurationSet, recipientDomainsAllow, recipientDomainsDeny,
                maxRecipients, ratePerSecond, dailyQuota, ipAllow, tokenTtlSeconds, credentialTtlSeconds, replyToAddresses,
                dailyRecipientQuota, coarseCredentials, null);
    }

    /**
     * Whether the key's tokens must be bound to the client's key (DPoP, RFC 9449): a token request without a proof is
     * refused, and the key's SigV4 door is closed (a SigV4 request carries no proof of a client key).
     */
    public boolean requiresDpop() {
        return Boolean.TRUE.equals(requireDpop);
    }

    /** Whether AWS credentials may be vended under a session policy coarser than this scope (an explicit opt-in). */
    public boolean allowsCoarseCredentials() {
        return Boolean.TRUE.equals(coarseCredentials);
    }

    /** Whether a client address may use the key: no allowlist, or inside one of its networks. */
    public boolean allowsClientIp(String address) {
        if (ipAllow == null) {
            return true;
        }
        return address != null && ipAllow.stream().anyMatch(n -> n.contains(address));
    }
}
