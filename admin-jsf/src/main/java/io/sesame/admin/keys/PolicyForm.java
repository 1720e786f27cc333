package io.sesame.admin.keys;

import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy editor's fields: permissions ticked per area of the catalogue, scope lists one per line. Turned into a
 * policy by the same strict parser as the API, so the portal and the API accept and refuse the same things.
 */
public class PolicyForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Per area (enum name): the ticked actions. Faces may store a list or an array here. */
    private final Map<String, Object> selected = new LinkedHashMap<>();
    private String fromAddresses = "";
    private String fromDisplayNames = "";
    private String templates = "";
    private String configurationSet = "";
    private String recipientDomainsAllow = "";
    private String recipientDomainsDeny = "";
    private String maxRecipients = "";
    private String ratePerSecond = "";
    private String dailyQuota = "";
    private String dailyRecipientQuota = "";
    private String replyToAddresses = "";
    private String ipAllow = "";
    private String tokenTtlSeconds = "";
    private String credentialTtlSeconds = "";
    private boolean coarseCredentials;
    private boolean requireDpop;

    public PolicyForm() {
        for (Permission.Area area : Permission.Area.values()) {
            selected.put(area.name(), new ArrayList<String>());
        }
    }

    public static PolicyForm of(AccessPolicy policy) {
        PolicyForm form = new PolicyForm();
        for (Permission p : policy.permissions()) {
            form.actions(p.area()).add(p.action());
        }
        JsonObject scope = PolicyJson.scopeToJson(policy.scope());
        form.fromAddresses = lines(scope, "fromAddresses");
        form.fromDisplayNames = lines(scope, "fromDisplayNames");
        form.templates = lines(scope, "templates");
        form.configurationSet = text(scope, "configurationSet");
        form.recipientDomainsAllow = lines(scope, "recipientDomainsAllow");
        form.recipientDomainsDeny = lines(scope, "recipientDomainsDeny");
        form.maxRecipients = text(scope, "maxRecipients");
        form.ratePerSecond = text(scope, "ratePerSecond");
        form.dailyQuota = text(scope, "dailyQuota");
        form.dailyRecipientQuota = text(scope, "dailyRecipientQuota");
        form.replyToAddresses = lines(scope, "replyToAddresses");
        form.ipAllow = lines(scope, "ipAllow");
        form.tokenTtlSeconds = text(scope, "tokenTtlSeconds");
        form.credentialTtlSeconds = text(scope, "credentialTtlSeconds");
        form.coarseCredentials = policy.scope().allowsCoarseCredentials();
        form.requireDpop = policy.scope().requiresDpop();
        return form;
    }

    /**
     * @throws io.sesame.policy.control.PolicyViolation naming the field, as the API would
     * @throws IllegalArgumentException for a number that is not one
     */
    public AccessPolicy toPolicy() {
        JsonArrayBuilder permissions = Json.createArrayBuilder();
        for (Permission.Area area : Permission.Area.values()) {
            actions(area).forEach(permissions::add);
        }
        JsonObjectBuilder scope = Json.createObjectBuilder();
        list(scope, "fromAddresses", fromAddresses);
        list(scope, "fromDisplayNames", fromDisplayNames);
        list(scope, "templates", templates);
        if (!configurationSet.isBlank()) {
            scope.add("configurationSet", configurationSet.strip());
        }
        list(scope, "recipientDomainsAllow", recipientDomainsAllow);
        list(scope, "recipientDomainsDeny", recipientDomainsDeny);
        number(scope, "maxRecipients", maxRecipients, false);
        number(scope, "ratePerSecond", ratePerSecond, true);
        number(scope, "dailyQuota", dailyQuota, false);
        number(scope, "dailyRecipientQuota", dailyRecipientQuota, false);
        list(scope, "replyToAddresses", replyToAddresses);
        list(scope, "ipAllow", ipAllow);
        number(scope, "tokenTtlSeconds", tokenTtlSeconds, false);
        number(scope, "credentialTtlSeconds", credentialTtlSeconds, false);
        if (coarseCredentials) {
            scope.add("coarseCredentials", true);
        }
        if (requireDpop) {
            scope.add("requireDpop", true);
        }
        return PolicyJson.parse(Json.createObjectBuilder().add("permissions", permissions).add("scope", scope).build());
    }

    /** The ticked actions of one area, whatever collection type Faces put there. */
    public List<String> actions(Permission.Area area) {
        Object value = selected.get(area.name());
        List<String> list;
        if (value instanceof Object[] array) {
            list = new ArrayList<>(Arrays.stream(array).map(String::valueOf).toList());
        } else if (value instanceof List<?> l) {
            list = new ArrayList<>(l.stream().map(String::valueOf).toList());
        } else {
            list = new ArrayList<>();
        }
        selected.put(area.name(), list);
        return list;
    }

    private static void list(JsonObjectBuilder scope, String field, String text) {
        List<String> items = Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!items.isEmpty()) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            items.forEach(array::add);
            scope.add(field, array);
        }
    }

    private static void number(JsonObjectBuilder scope, String field, String text, boolean decimal) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return;
        }
        try {
            if (decimal) {
                scope.add(field, Double.parseDouble(t));
            } else {
                scope.add(field, Long.parseLong(t));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("policy.scope." + field + ": " + (decimal ? "a number" : "a whole number")
                    + ", not '" + t + "'");
        }
    }

    private static String lines(JsonObject scope, String field) {
        JsonValue value = scope.get(field);
        if (value == null) {
            return "";
        }
        return String.join("\n", value.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    private static String text(JsonObject scope, String field) {
        JsonValue value = scope.get(field);
        if (value == null) {
            return "";
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    public Map<String, Object> getSelected() { return selected; }
    public String getFromAddresses() { return fromAddresses; }
    public void setFromAddresses(String v) { this.fromAddresses = v == null ? "" : v; }
    public String getFromDisplayNames() { return fromDisplayNames; }
    public void setFromDisplayNames(String v) { this.fromDisplayNames = v == null ? "" : v; }
    public String getTemplates() { return templates; }
    public void setTemplates(String v) { this.templates = v == null ? "" : v; }
    public String getConfigurationSet() { return configurationSet; }
    public void setConfigurationSet(String v) { this.configurationSet = v == null ? "" : v; }
    public String getRecipientDomainsAllow() { return recipientDomainsAllow; }
    public void setRecipientDomainsAllow(String v) { this.recipientDomainsAllow = v == null ? "" : v; }
    public String getRecipientDomainsDeny() { return recipientDomainsDeny; }
    public void setRecipientDomainsDeny(String v) { this.recipientDomainsDeny = v == null ? "" : v; }
    public String getMaxRecipients() { return maxRecipients; }
    public void setMaxRecipients(String v) { this.maxRecipients = v == null ? "" : v; }
    public String getRatePerSecond() { return ratePerSecond; }
    public void setRatePerSecond(String v) { this.ratePerSecond = v == null ? "" : v; }
    public String getDailyRecipientQuota() { return dailyRecipientQuota; }
    public void setDailyRecipientQuota(String v) { this.dailyRecipientQuota = v == null ? "" : v; }
    public String getReplyToAddresses() { return replyToAddresses; }
    public void setReplyToAddresses(String v) { this.replyToAddresses = v == null ? "" : v; }
    public String getDailyQuota() { return dailyQuota; }
    public void setDailyQuota(String v) { this.dailyQuota = v == null ? "" : v; }
    public String getIpAllow() { return ipAllow; }
    public void setIpAllow(String v) { this.ipAllow = v == null ? "" : v; }
    public String getTokenTtlSeconds() { return tokenTtlSeconds; }
    public void setTokenTtlSeconds(String v) { this.tokenTtlSeconds = v == null ? "" : v; }
    public String getCredentialTtlSeconds() { return credentialTtlSeconds; }
    public void setCredentialTtlSeconds(String v) { this.credentialTtlSeconds = v == null ? "" : v; }
    public boolean isRequireDpop() { return requireDpop; }
    public void setRequireDpop(boolean v) { this.requireDpop = v; }
    public boolean isCoarseCredentials() { return coarseCredentials; }
    public void setCoarseCredentials(boolean v) { this.coarseCredentials = v; }
}
