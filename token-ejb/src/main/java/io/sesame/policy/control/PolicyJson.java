package io.sesame.policy.control;

import io.sesame.platform.control.Cidr;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The JSON form of access policies, as the admin API takes and returns them and as the token store keeps
 * them: {@code {"permissions":[…],"scope":{…}}}. Parsing validates every field and names the offending one.
 */
public final class PolicyJson {

    /** SES accepts at most 50 recipients per message. */
    public static final int SES_MAX_RECIPIENTS = 50;
    /** STS's bounds for AssumeRole's DurationSeconds. */
    public static final int MIN_CREDENTIAL_SECONDS = 900;
    public static final int MAX_CREDENTIAL_SECONDS = 43_200;
    public static final int MIN_TOKEN_TTL_SECONDS = 60;
    /** Access tokens never live beyond 12 hours. */
    public static final int MAX_TOKEN_TTL_SECONDS = 12 * 3600;

    private static final Set<String> SCOPE_FIELDS = Set.of("fromAddresses", "fromDisplayNames", "templates",
            "configurationSet", "recipientDomainsAllow", "recipientDomainsDeny", "maxRecipients", "ratePerSecond",
            "dailyQuota", "dailyRecipientQuota", "ipAllow", "tokenTtlSeconds", "credentialTtlSeconds", "replyToAddresses",
            "coarseCredentials", "requireDpop");

    private PolicyJson() {
    }

    public static AccessPolicy parse(JsonObject policy) {
        if (policy == null) {
            throw new PolicyViolation("policy", "is required");
        }
        for (String key : policy.keySet()) {
            if (!key.equals("permissions") && !key.equals("scope")) {
                throw new PolicyViolation("policy." + key, "unknown field (expected permissions, scope)");
            }
        }
        JsonValue permissionsValue = policy.get("permissions");
        if (permissionsValue == null || permissionsValue.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new PolicyViolation("policy.permissions", "must be an array of action names, e.g. [\"ses:SendEmail\"]");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        List<String> actions = strings(permissionsValue.asJsonArray(), "policy.permissions");
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            permissions.add(Permission.byAction(action).orElseThrow(() -> new PolicyViolation(
                    "policy.permissions", "unknown action '" + action + "' (see GET /api/v1/permissions)")));
        }
        JsonValue scopeValue = policy.get("scope");
        ResourceScope scope;
        if (scopeValue == null || scopeValue == JsonValue.NULL) {
            scope = ResourceScope.UNRESTRICTED;
        } else if (scopeValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new PolicyViolation("policy.scope", "must be an object");
        } else {
            scope = parseScope(scopeValue.asJsonObject());
        }
        return new AccessPolicy(permissions, scope);
    }

    /** A policy as stored (space-separated actions, scope JSON); an unreadable one is an internal error. */
    public static AccessPolicy parse(String permissions, String scopeJson) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        for (String action : permissions.split("\\s+")) {
            if (!action.isBlank()) {
                Permission.byAction(action).ifPresent(set::add); // an action retired from the catalogue grants nothing
            }
        }
        try (var reader = Json.createReader(new StringReader(scopeJson))) {
            return new AccessPolicy(set, parseScope(reader.readObject()));
        } catch (PolicyViolation e) {
            // what was stored was valid when stored: unreadable now is Sesame's fault (500), not the caller's (400)
            throw new IllegalStateException("a stored policy cannot be read: " + e.getMessage(), e);
        }
    }

    static ResourceScope parseScope(JsonObject scope) {
        for (String key : scope.keySet()) {
            if (!SCOPE_FIELDS.contains(key)) {
                throw new PolicyViolation("policy.scope." + key, "unknown field");
            }
        }
        List<AddressPattern> from = list(scope, "fromAddresses", AddressPattern::parse);
        List<String> displayNames = list(scope, "fromDisplayNames", PolicyJson::displayName);
        List<String> templates = list(scope, "templates", name -> identifier(name, "policy.scope.templates"));
        String configurationSet = scope.containsKey("configurationSet") && !scope.isNull("configurationSet")
                ? identifier(string(scope.get("configurationSet"), "policy.scope.configurationSet"), "policy.scope.configurationSet")
                : null;
        List<String> allow = list(scope, "recipientDomainsAllow", d -> AddressPattern.domain(d.startsWith("@") ? d.substring(1) : d, d));
        List<String> deny = list(scope, "recipientDomainsDeny", d -> AddressPattern.domain(d.startsWith("@") ? d.substring(1) : d, d));
        Integer maxRecipients = integer(scope, "maxRecipients", 1, SES_MAX_RECIPIENTS);
        Double rate = positiveNumber(scope, "ratePerSecond");
        Long quota = scope.containsKey("dailyQuota") && !scope.isNull("dailyQuota")
                ? Long.valueOf(integer(scope, "dailyQuota", 1, Integer.MAX_VALUE)) : null;
        Long recipientQuota = scope.containsKey("dailyRecipientQuota") && !scope.isNull("dailyRecipientQuota")
                ? Long.valueOf(integer(scope, "dailyRecipientQuota", 1, Integer.MAX_VALUE)) : null;
        List<AddressPattern> replyTo = list(scope, "replyToAddresses", AddressPattern::parse);
        List<Cidr> ipAllow = list(scope, "ipAllow", Cidr::parse);
        Integer ttl = integer(scope, "tokenTtlSeconds", MIN_TOKEN_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS);
        Integer credentialTtl = integer(scope, "credentialTtlSeconds", MIN_CREDENTIAL_SECONDS, MAX_CREDENTIAL_SECONDS);
        Boolean coarseCredentials = null;
        if (scope.containsKey("coarseCredentials") && !scope.isNull("coarseCredentials")) {
            JsonValue value = scope.get("coarseCredentials");
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw new PolicyViolation("policy.scope.coarseCredentials", "must be true or false");
            }
            coarseCredentials = value == JsonValue.TRUE;
        }
        Boolean requireDpop = null;
        if (scope.containsKey("requireDpop") && !scope.isNull("requireDpop")) {
            JsonValue value = scope.get("requireDpop");
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw new PolicyViolation("policy.scope.requireDpop", "must be true or false");
            }
            requireDpop = value == JsonValue.TRUE;
        }
        return new ResourceScope(from, displayNames, templates, configurationSet, allow, deny, maxRecipients, rate,
                quota, ipAllow, ttl, credentialTtl, replyTo, recipientQuota, coarseCredentials, requireDpop);
    }

    private static <T> List<T> list(JsonObject scope, String field, Function<String, T> parser) {
        if (!scope.containsKey(field) || scope.isNull(field)) {
            return null;
        }
        String path = "policy.scope." + field;
        JsonValue value = scope.get(field);
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new PolicyViolation(path, "must be an array (absent = no restriction, [] = nothing allowed)");
        }
        List<String> raw = strings(value.asJsonArray(), path);
        List<T> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            try {
                out.add(parser.apply(raw.get(i)));
            } catch (IllegalArgumentException e) {
                throw new PolicyViolation(path + "[" + i + "]", e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonArray array, String path) {
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(string(array.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static String string(JsonValue value, String path) {
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new PolicyViolation(path, "must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static Integer integer(JsonObject scope, String field, int min, int max) {
        if (!scope.containsKey(field) || scope.isNull(field)) {
            return null;
        }
        String path = "policy.scope." + field;
        JsonValue value = scope.get(field);
        if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw new PolicyViolation(path, "must be a whole number");
        }
        long n = ((JsonNumber) value).longValue();
        if (n < min || n > max) {
            throw new PolicyViolation(path, "must be between " + min + " and " + max);
        }
        return (int) n;
    }

    private static Double positiveNumber(JsonObject scope, String field) {
        if (!scope.containsKey(field) || scope.isNull(field)) {
            return null;
        }
        String path = "policy.scope." + field;
        JsonValue value = scope.get(field);
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new PolicyViolation(path, "must be a number");
        }
        double d = ((JsonNumber) value).doubleValue();
        if (!(d > 0) || d > 100_000) {
            throw new PolicyViolation(path, "must be greater than 0 and at most 100000");
        }
        return d;
    }

    private static String identifier(String name, String path) {
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new PolicyViolation(path, "'" + name + "' is not a valid SES name (letters, digits, _ and -, at most 64)");
        }
        return name;
    }

    private static String displayName(String text) {
        if (text.isEmpty() || text.length() > 200 || text.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("display names must be 1-200 characters without control characters");
        }
        return text;
    }

    public static JsonObject toJson(AccessPolicy policy) {
        JsonArrayBuilder permissions = Json.createArrayBuilder();
        policy.permissions().stream().sorted().forEach(p -> permissions.add(p.action()));
        return Json.createObjectBuilder()
                .add("permissions", permissions)
                .add("scope", scopeToJson(policy.scope()))
                .build();
    }

    public static JsonObject scopeToJson(ResourceScope scope) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        addList(out, "fromAddresses", scope.fromAddresses(), AddressPattern::toString);
        addList(out, "fromDisplayNames", scope.fromDisplayNames(), Function.identity());
        addList(out, "templates", scope.templates(), Function.identity());
        if (scope.configurationSet() != null) {
            out.add("configurationSet", scope.configurationSet());
        }
        addList(out, "recipientDomainsAllow", scope.recipientDomainsAllow(), Function.identity());
        addList(out, "recipientDomainsDeny", scope.recipientDomainsDeny(), Function.identity());
        if (scope.maxRecipients() != null) {
            out.add("maxRecipients", scope.maxRecipients());
        }
        if (scope.ratePerSecond() != null) {
            out.add("ratePerSecond", scope.ratePerSecond());
        }
        if (scope.dailyQuota() != null) {
            out.add("dailyQuota", scope.dailyQuota());
        }
        if (scope.dailyRecipientQuota() != null) {
            out.add("dailyRecipientQuota", scope.dailyRecipientQuota());
        }
        addList(out, "replyToAddresses", scope.replyToAddresses(), AddressPattern::toString);
        addList(out, "ipAllow", scope.ipAllow(), Cidr::toString);
        if (scope.credentialTtlSeconds() != null) {
            out.add("credentialTtlSeconds", scope.credentialTtlSeconds());
        }
        if (scope.tokenTtlSeconds() != null) {
            out.add("tokenTtlSeconds", scope.tokenTtlSeconds());
        }
        if (scope.allowsCoarseCredentials()) {
            out.add("coarseCredentials", true);
        }
        if (scope.requiresDpop()) {
            out.add("requireDpop", true);
        }
        return out.build();
    }

    private static <T> void addList(JsonObjectBuilder out, String field, List<T> values, Function<T, String> text) {
        if (values != null) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            values.forEach(v -> array.add(text.apply(v)));
            out.add(field, array);
        }
    }
}
