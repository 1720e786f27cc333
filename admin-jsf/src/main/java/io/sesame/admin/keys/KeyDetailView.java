package io.sesame.admin.keys;

import io.sesame.admin.platform.Messages;
import io.sesame.admin.security.CurrentUser;
import io.sesame.alert.boundary.AlertService;
import io.sesame.alert.entity.Alert;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.audit.boundary.AuditSearch;
import io.sesame.audit.control.CallQuery;
import io.sesame.audit.control.LifecycleQuery;
import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import io.sesame.reputation.boundary.ReputationService;
import io.sesame.reputation.control.Reputation;
import io.sesame.token.boundary.ApplicationService;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One key: what it may do (permissions by area, scope), how it was used (calls, lifecycle, alerts, reputation), and
 * the actions on it — each destructive one asks for confirmation first; a rotated key's secret is shown once.
 */
@Named
@ViewScoped
public class KeyDetailView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    KeyService keys;

    @EJB
    ApplicationService applications;

    @EJB
    AuditSearch audit;

    @EJB
    AlertService alerts;

    @EJB
    ReputationService reputation;

    @EJB
    io.sesame.report.boundary.Dashboard dashboard;

    @Inject
    CurrentUser user;

    @EJB
    ApprovalService approvals;

    @EJB
    io.sesame.federation.boundary.FederationService federation;

    private String id;
    private ApiKey key;
    private Application application;
    private AccessPolicy policy;
    private String pending;
    private String graceHours = "24";
    private String oneTimeKey;
    private String oneTimeKeyId;
    private PolicyForm policyForm;

    /** Called by f:viewAction: loads the key named in the URL. */
    public void load() {
        if (key != null) {
            return;
        }
        try {
            KeyService.KeyView view = keys.get(id);
            key = view.key();
            policy = view.policy();
            application = applications.get(key.getApplicationId());
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    private void reload() {
        KeyService.KeyView view = keys.get(id);
        key = view.key();
        policy = view.policy();
    }

    public void ask(String action) {
        user.requireAdmin();
        forgetOneTimeKey();
        pending = action;
        if ("policy".equals(action)) {
            policyForm = PolicyForm.of(policy);
        }
    }

    public void cancel() {
        forgetOneTimeKey();
        pending = null;
        policyForm = null;
    }

    public void confirm() {
        user.requireAdmin();
        forgetOneTimeKey();
        String action = pending;
        try {
            switch (action == null ? "" : action) {
                case "rotate" -> {
                    long grace = parseGraceSeconds();
                    var outcome = approvals.rotateKey(id, grace, null, user.acting());
                    if (outcome.isPending()) {
                        Messages.info("You did not make this key, so its new secret would be a new key for you: request "
                                + outcome.pending().getId() + " waits for another admin's approval (Approvals); you collect it there.");
                        break;
                    }
                    KeyService.IssuedKey issued = outcome.done();
                    oneTimeKey = issued.apiKey();
                    oneTimeKeyId = issued.key().getId();
                    Messages.info("Key rotated. The old key works for " + graceHours + " more hour(s); the new key is shown below, once.");
                }
                case "revoke" -> {
                    keys.revoke(id, user.acting());
                    Messages.info("Key revoked. Its tokens are refused from the next call on.");
                }
                case "suspend" -> {
                    keys.suspend(id, user.acting());
                    Messages.info("Key suspended. Reactivate it to let it work again.");
                }
                case "reactivate" -> {
                    keys.reactivate(id, user.acting());
                    Messages.info("Key reactivated.");
                }
                case "policy" -> {
                    AccessPolicy next = policyForm.toPolicy();
                    var outcome = approvals.changePolicy(id, next, null, user.acting());
                    if (outcome.isPending()) {
                        Messages.info("This change widens the key's access: request " + outcome.pending().getId()
                                + " waits for another admin's approval (Approvals).");
                    } else {
                        Messages.info("Policy changed (a new version). Tokens minted under the old version stop working.");
                    }
                    policyForm = null;
                }
                default -> Messages.error("Nothing to confirm.");
            }
            pending = null;
            reload();
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    private long parseGraceSeconds() {
        try {
            long hours = Long.parseLong(graceHours.strip());
            if (hours < 0 || hours > 720) {
                throw new IllegalArgumentException("Grace: between 0 and 720 hours");
            }
            return hours * 3600;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Grace: a whole number of hours");
        }
    }

    /** The secret is shown in the response to the rotation only: any further action on the page drops it. */
    public void forgetOneTimeKey() {
        oneTimeKey = null;
        oneTimeKeyId = null;
    }

    public Map<Permission.Area, List<Permission>> getPermissionsByArea() {
        Map<Permission.Area, List<Permission>> out = new java.util.EnumMap<>(Permission.Area.class);
        for (Permission p : policy.permissions()) {
            out.computeIfAbsent(p.area(), a -> new java.util.ArrayList<>()).add(p);
        }
        return out;
    }

    public List<Map.Entry<Permission.Area, List<Permission>>> getPermissionAreas() {
        return List.copyOf(getPermissionsByArea().entrySet());
    }

    public String getScopeJson() {
        return pretty(PolicyJson.scopeToJson(policy.scope()));
    }

    private static String pretty(jakarta.json.JsonObject json) {
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        writers.createWriter(out).write(json);
        return out.toString().strip();
    }

    /** A trust policy's conditions, pretty-printed; empty for an API key. */
    public String getTrustJson() {
        io.sesame.federation.control.TrustRules rules = key == null ? null : federation.rulesOfKey(key.getId());
        return rules == null ? "" : pretty(io.sesame.federation.control.TrustPolicyJson.toJson(rules));
    }

    /** The key's calls per day over 30 days, as JSON for its chart. */
    public String getUsageJson() {
        jakarta.json.JsonArrayBuilder days = Json.createArrayBuilder();
        jakarta.json.JsonArrayBuilder allowed = Json.createArrayBuilder();
        jakarta.json.JsonArrayBuilder denied = Json.createArrayBuilder();
        for (long[] d : dashboard.keyUsage(id, Instant.now(), 30)) {
            days.add(java.time.LocalDate.ofEpochDay(d[0]).toString().substring(5));
            allowed.add(d[1]);
            denied.add(d[2]);
        }
        return Json.createObjectBuilder().add("days", days).add("allowed", allowed).add("denied", denied).build().toString();
    }

    public List<CallEvent> getRecentCalls() {
        return audit.search(new CallQuery(null, id, null, null, null, null, null, null, null, 20, null)).items();
    }

    public List<LifecycleEvent> getHistory() {
        return audit.search(new LifecycleQuery(null, null, "api-key", id, null, null, null, 20, null)).items();
    }

    public List<Alert> getAlerts() {
        return alerts.list(null, id, 10);
    }

    public Reputation getReputation() {
        return reputation.of(id, Instant.now());
    }

    public boolean isUsable() {
        return key != null && key.getStatus().isLive();
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public ApiKey getKey() { return key; }
    public Application getApplication() { return application; }
    public AccessPolicy getPolicy() { return policy; }
    public String getPending() { return pending; }
    public String getGraceHours() { return graceHours; }
    public void setGraceHours(String graceHours) { this.graceHours = graceHours; }
    public String getOneTimeKey() { return oneTimeKey; }
    public String getOneTimeKeyId() { return oneTimeKeyId; }
    public PolicyForm getPolicyForm() { return policyForm; }
}
