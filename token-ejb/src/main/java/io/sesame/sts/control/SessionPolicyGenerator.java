package io.sesame.sts.control;

import io.sesame.policy.control.AddressPattern;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ResourceScope;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a key's permissions and scope into the IAM session policy for AssumeRole, so that even the temporary
 * AWS credentials can do no more than the key: SES actions from the catalogue, {@code ses:FromAddress},
 * {@code ses:FromDisplayName}, {@code ses:Recipients} (allow as ForAllValues, deny as a Deny statement), and
 * resource ARNs for identities, templates and the configuration set. AWS accepts at most 2,048 characters
 * (packed), so when the full policy is longer the generator falls back, level by level, to coarser policies
 * that still restrict actions (and From addresses while they fit). One generator serves the gateway's STS
 * mode and credential vending.
 */
public final class SessionPolicyGenerator {

    public static final int MAX_LENGTH = 2048;

    private final String region;
    private final String accountId;

    public SessionPolicyGenerator(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    public SessionPolicy generate(Set<Permission> permissions, ResourceScope scope) {
        for (SessionPolicy.Detail detail : SessionPolicy.Detail.values()) {
            String json = document(permissions, scope, detail).toString();
            if (json.length() <= MAX_LENGTH) {
                return new SessionPolicy(json, detail, lost(permissions, scope, detail));
            }
        }
        throw new IllegalStateException("even an actions-only session policy exceeds " + MAX_LENGTH + " characters");
    }

    JsonObject document(Set<Permission> permissions, ResourceScope scope, SessionPolicy.Detail detail) {
        List<String> sendActions = new ArrayList<>();
        List<String> templateActions = new ArrayList<>();
        List<String> otherActions = new ArrayList<>();
        for (Permission p : Permission.values()) {
            if (!permissions.contains(p) || !p.isSesAction()) {
                continue;
            }
            (p.takesFrom() ? sendActions : p.takesTemplate() ? templateActions : otherActions).addAll(p.iamActions());
        }
        JsonArrayBuilder statements = Json.createArrayBuilder();
        if (!sendActions.isEmpty()) {
            JsonObjectBuilder send = Json.createObjectBuilder()
                    .add("Sid", "SesameSend")
                    .add("Effect", "Allow")
                    .add("Action", array(sendActions));
            if (detail == SessionPolicy.Detail.FULL) {
                send.add("Resource", array(sendResources(scope)));
            } else {
                send.add("Resource", "*");
            }
            // SES API v2 only: the catalogue's actions are v2's (the same IAM names also cover the v1 API)
            JsonObjectBuilder conditions = Json.createObjectBuilder().add("StringEquals", apiVersion2());
            JsonObjectBuilder stringLike = Json.createObjectBuilder();
            boolean any = false;
            if (scope.fromAddresses() != null && detail != SessionPolicy.Detail.ACTIONS_ONLY) {
                stringLike.add("ses:FromAddress", array(fromPatterns(scope.fromAddresses(), detail)));
                // the Return-Path (bounces, complaints) is held to the From scope too; absent, it is the From address
                conditions.add("StringLikeIfExists", Json.createObjectBuilder()
                        .add("ses:FeedbackAddress", array(fromPatterns(scope.fromAddresses(), detail))));
                any = true;
            }
            if (scope.fromDisplayNames() != null && includesDisplayNames(detail)) {
                // exact names: IAM's wildcards in a name are escaped, as Sesame's own check is an exact match
                stringLike.add("ses:FromDisplayName", array(scope.fromDisplayNames().stream().map(SessionPolicyGenerator::literal).toList()));
                any = true;
            }
            if (any) {
                conditions.add("StringLike", stringLike);
            }
            if (scope.recipientDomainsAllow() != null && includesRecipients(detail)) {
                conditions.add("ForAllValues:StringLike", Json.createObjectBuilder()
                        .add("ses:Recipients", array(recipientPatterns(scope.recipientDomainsAllow()))));
            }
            send.add("Condition", conditions);
            statements.add(send);
        }
        if (!templateActions.isEmpty()) {
            // creating, reading, changing, deleting and test-rendering templates: on the allowed templates only
            boolean scoped = scope.templates() != null && detail == SessionPolicy.Detail.FULL;
            JsonObjectBuilder templates = Json.createObjectBuilder()
                    .add("Sid", "SesameTemplates")
                    .add("Effect", "Allow")
                    .add("Action", array(templateActions));
            if (scoped) {
                templates.add("Resource", array(scope.templates().stream().map(t -> arn("template/" + t)).toList()));
            } else {
                templates.add("Resource", "*");
            }
            statements.add(templates.add("Condition", Json.createObjectBuilder().add("StringEquals", apiVersion2())));
        }
        if (!otherActions.isEmpty()) {
            statements.add(Json.createObjectBuilder()
                    .add("Sid", "SesameOther")
                    .add("Effect", "Allow")
                    .add("Action", array(otherActions))
                    .add("Resource", "*")
                    .add("Condition", Json.createObjectBuilder().add("StringEquals", apiVersion2())));
        }
        if (!sendActions.isEmpty() && scope.recipientDomainsDeny() != null && !scope.recipientDomainsDeny().isEmpty()
                && includesRecipients(detail)) {
            statements.add(Json.createObjectBuilder()
                    .add("Sid", "SesameDenyRecipients")
                    .add("Effect", "Deny")
                    .add("Action", array(sendActions))
                    .add("Resource", "*")
                    .add("Condition", Json.createObjectBuilder().add("ForAnyValue:StringLike",
                            Json.createObjectBuilder().add("ses:Recipients", array(recipientPatterns(scope.recipientDomainsDeny()))))));
        }
        if (sendActions.isEmpty() && templateActions.isEmpty() && otherActions.isEmpty()) {
            // No SES permission at all: a policy that allows nothing (an empty Statement list is invalid).
            statements.add(Json.createObjectBuilder()
                    .add("Sid", "SesameNothing")
                    .add("Effect", "Deny")
                    .add("Action", "*")
                    .add("Resource", "*"));
        }
        return Json.createObjectBuilder().add("Version", "2012-10-17").add("Statement", statements).build();
    }

    /** What of the scope a document at this level no longer restricts (for the send actions that carry it). */
    static List<String> lost(Set<Permission> permissions, ResourceScope scope, SessionPolicy.Detail detail) {
        boolean sends = permissions.stream().anyMatch(p -> p.isSesAction() && p.takesFrom());
        boolean templated = permissions.stream().anyMatch(p -> p.isSesAction() && p.takesTemplate());
        List<String> lost = new ArrayList<>();
        if (sends && scope.configurationSet() != null) {
            // IAM can refuse other sets but cannot make a send without one use the pinned set (Sesame injects it)
            lost.add("the pinned configuration set (a send may name none)");
        }
        if (detail == SessionPolicy.Detail.FULL) {
            return lost;
        }
        if (templated && scope.templates() != null) {
            lost.add("the template allowlist");
        }
        if (sends && scope.fromDisplayNames() != null && !includesDisplayNames(detail)) {
            lost.add("the From display names");
        }
        if (sends && scope.fromAddresses() != null) {
            if (detail == SessionPolicy.Detail.ACTIONS_ONLY) {
                lost.add("the From addresses");
            } else if (detail.ordinal() >= SessionPolicy.Detail.DOMAINS_ONLY.ordinal()
                    && scope.fromAddresses().stream().anyMatch(p -> p.kind() == AddressPattern.Kind.ADDRESS)) {
                lost.add("the exact From addresses (widened to their domains)");
            }
        }
        if (sends && !includesRecipients(detail)) {
            if (scope.recipientDomainsAllow() != null) {
                lost.add("the recipient domain allowlist");
            }
            if (scope.recipientDomainsDeny() != null && !scope.recipientDomainsDeny().isEmpty()) {
                lost.add("the recipient domain denylist");
            }
        }
        return lost;
    }

    /** A value matched literally by StringLike: IAM's wildcards and variable marker escaped. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> out.append("${*}");
                case '?' -> out.append("${?}");
                case '$' -> out.append("${$}");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static JsonObjectBuilder apiVersion2() {
        return Json.createObjectBuilder().add("ses:ApiVersion", "2");
    }

    private static boolean includesDisplayNames(SessionPolicy.Detail detail) {
        return detail == SessionPolicy.Detail.FULL || detail == SessionPolicy.Detail.ANY_RESOURCE;
    }

    private static boolean includesRecipients(SessionPolicy.Detail detail) {
        return detail.ordinal() <= SessionPolicy.Detail.DOMAINS_ONLY.ordinal();
    }

    /** Identity ARNs for the From patterns, plus the allowed templates and the pinned configuration set. */
    List<String> sendResources(ResourceScope scope) {
        Set<String> out = new LinkedHashSet<>();
        if (scope.fromAddresses() == null) {
            out.add(arn("identity/*"));
        } else {
            for (AddressPattern p : scope.fromAddresses()) {
                switch (p.kind()) {
                    case ADDRESS -> {
                        out.add(arn("identity/" + p.value()));
                        out.add(arn("identity/" + p.value().substring(p.value().lastIndexOf('@') + 1)));
                    }
                    case DOMAIN -> out.add(arn("identity/" + p.value()));
                    case SUBDOMAINS -> out.add(arn("identity/*." + p.value()));
                }
            }
        }
        if (scope.templates() != null) {
            scope.templates().forEach(t -> out.add(arn("template/" + t)));
        } else {
            out.add(arn("template/*"));
        }
        out.add(arn(scope.configurationSet() != null ? "configuration-set/" + scope.configurationSet() : "configuration-set/*"));
        return new ArrayList<>(out);
    }

    private static List<String> fromPatterns(List<AddressPattern> patterns, SessionPolicy.Detail detail) {
        Set<String> out = new LinkedHashSet<>();
        for (AddressPattern p : patterns) {
            String domain = p.kind() == AddressPattern.Kind.ADDRESS ? p.value().substring(p.value().lastIndexOf('@') + 1) : p.value();
            switch (p.kind()) {
                case ADDRESS -> out.add(detail.ordinal() < SessionPolicy.Detail.DOMAINS_ONLY.ordinal() ? p.value() : "*@" + domain);
                case DOMAIN -> out.add("*@" + domain);
                case SUBDOMAINS -> out.add("*@*." + domain);
            }
        }
        return new ArrayList<>(out);
    }

    /** A listed domain covers itself and its subdomains (as Sesame's own check does). */
    private static List<String> recipientPatterns(Collection<String> domains) {
        List<String> out = new ArrayList<>();
        for (String d : domains) {
            out.add("*@" + d);
            out.add("*@*." + d);
        }
        return out;
    }

    private String arn(String resource) {
        return "arn:aws:ses:" + region + ":" + accountId + ":" + resource;
    }

    private static JsonArrayBuilder array(Collection<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
