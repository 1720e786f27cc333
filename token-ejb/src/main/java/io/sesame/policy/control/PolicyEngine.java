package io.sesame.policy.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a send is allowed by a key's policy, in a fixed order: permission, From address (and Sender and
 * Return-Path, which act as From addresses), Reply-To, display name, recipients (count over To+Cc+Bcc, every domain allowed and none denied), template, configuration set,
 * source IP. Rate and daily quota are stateful and checked after this by their own components.
 * Pure: no I/O, no clock, no container; {@code exhaustive} collects every reason (the dry run), otherwise the
 * first one decides.
 */
public final class PolicyEngine {

    private PolicyEngine() {
    }

    public static Decision evaluate(Permission action, Set<Permission> granted, ResourceScope scope, MessageFacts message,
                                    String clientIp, boolean exhaustive) {
        List<Reason> reasons = new ArrayList<>();
        if (!granted.contains(action)) {
            reasons.add(new Reason(ReasonCode.PERMISSION_MISSING, "the token does not hold " + action.action()));
            if (!exhaustive) {
                return new Decision(reasons, null);
            }
        }
        checkFrom(scope, message, reasons);
        if (stop(reasons, exhaustive)) {
            return new Decision(reasons, null);
        }
        checkRecipients(scope, message.recipients(), reasons, exhaustive);
        if (stop(reasons, exhaustive)) {
            return new Decision(reasons, null);
        }
        if (message.template() != null && scope.templates() != null && !scope.templates().contains(message.template())) {
            reasons.add(new Reason(ReasonCode.TEMPLATE_NOT_ALLOWED, "template '" + message.template() + "' is not allowed"));
            if (!exhaustive) {
                return new Decision(reasons, null);
            }
        }
        String configurationSet = message.configurationSet();
        if (scope.configurationSet() != null) {
            if (configurationSet == null) {
                configurationSet = scope.configurationSet();
            } else if (!configurationSet.equals(scope.configurationSet())) {
                reasons.add(new Reason(ReasonCode.CONFIGURATION_SET_NOT_ALLOWED, "configuration set '" + configurationSet
                        + "' is not allowed; this key is pinned to '" + scope.configurationSet() + "'"));
                if (!exhaustive) {
                    return new Decision(reasons, null);
                }
            }
        }
        if (!scope.allowsClientIp(clientIp)) {
            reasons.add(new Reason(ReasonCode.IP_NOT_ALLOWED, "requests from " + clientIp + " are not allowed"));
        }
        return new Decision(reasons, configurationSet);
    }

    private static boolean stop(List<Reason> reasons, boolean exhaustive) {
        return !exhaustive && !reasons.isEmpty();
    }

    private static void checkFrom(ResourceScope scope, MessageFacts message, List<Reason> reasons) {
        if (scope.fromAddresses() != null
                && scope.fromAddresses().stream().noneMatch(p -> p.matches(message.fromAddress()))) {
            reasons.add(new Reason(ReasonCode.FROM_NOT_ALLOWED, "From address " + message.fromAddress() + " is not allowed"));
        }
        for (String other : new String[] {message.sender(), message.returnPath()}) {
            if (other != null && scope.fromAddresses() != null
                    && scope.fromAddresses().stream().noneMatch(p -> p.matches(other))) {
                reasons.add(new Reason(ReasonCode.SENDER_NOT_ALLOWED, (other.equals(message.sender()) ? "Sender " : "Return-Path ")
                        + other + " is not allowed (it must match the key's From addresses)"));
            }
        }
        if (scope.replyToAddresses() != null) {
            for (String replyTo : message.replyTo()) {
                if (scope.replyToAddresses().stream().noneMatch(p -> p.matches(replyTo))) {
                    reasons.add(new Reason(ReasonCode.REPLY_TO_NOT_ALLOWED, "Reply-To address " + replyTo + " is not allowed"));
                    break;
                }
            }
        }
        if (scope.fromDisplayNames() != null) {
            String name = message.fromDisplayName();
            if (name == null || !scope.fromDisplayNames().contains(name)) {
                reasons.add(new Reason(ReasonCode.FROM_DISPLAY_NAME_NOT_ALLOWED, "From display name "
                        + (name == null ? "(none)" : "'" + name + "'") + " is not allowed"));
            }
        }
    }

    private static void checkRecipients(ResourceScope scope, List<String> recipients, List<Reason> reasons,
                                        boolean exhaustive) {
        if (recipients.isEmpty()) {
            reasons.add(new Reason(ReasonCode.NO_RECIPIENTS, "the message has no recipients"));
            return;
        }
        if (scope.maxRecipients() != null && recipients.size() > scope.maxRecipients()) {
            reasons.add(new Reason(ReasonCode.TOO_MANY_RECIPIENTS, recipients.size() + " recipients (To+Cc+Bcc); at most "
                    + scope.maxRecipients() + " allowed"));
            if (!exhaustive) {
                return;
            }
        }
        Set<String> notAllowed = new LinkedHashSet<>();
        Set<String> denied = new LinkedHashSet<>();
        for (String recipient : recipients) {
            String domain = domainOf(recipient);
            if (scope.recipientDomainsDeny() != null && coveredBy(domain, scope.recipientDomainsDeny())) {
                denied.add(domain);
            } else if (scope.recipientDomainsAllow() != null && !coveredBy(domain, scope.recipientDomainsAllow())) {
                notAllowed.add(domain);
            }
        }
        if (!denied.isEmpty()) {
            reasons.add(new Reason(ReasonCode.RECIPIENT_DOMAIN_DENIED, "recipient domain(s) denied: " + String.join(", ", denied)));
        }
        if (!notAllowed.isEmpty()) {
            reasons.add(new Reason(ReasonCode.RECIPIENT_DOMAIN_NOT_ALLOWED, "recipient domain(s) not allowed: "
                    + String.join(", ", notAllowed)));
        }
    }

    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** A listed domain covers itself and its subdomains. */
    static boolean coveredBy(String domain, List<String> domains) {
        for (String d : domains) {
            if (domain.equals(d) || domain.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
