package io.sesame.admin.keys;

import io.sesame.admin.platform.Messages;
import io.sesame.admin.security.CurrentUser;
import io.sesame.access.control.FourEyesGates;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.token.boundary.ApplicationService;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.boundary.TokenSettings;
import io.sesame.token.entity.Application;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * The issue-key wizard: 1. application and key, 2. permissions and scope, 3. review and issue; the key is then
 * shown once. Each step is checked before the next, with the same rules as the API.
 */
@Named
@ViewScoped
public class IssueKeyView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    KeyService keys;

    @EJB
    ApplicationService applications;

    @Inject
    TokenSettings tokenSettings;

    @Inject
    CurrentUser user;

    @EJB
    ApprovalService approvals;

    private Long requestId;

    private int step = 1;
    private String applicationId = "";
    private String newApplicationName = "";
    private String newApplicationOwner = "";
    private String keyName = "";
    private String expiresInDays;
    private final PolicyForm policy = new PolicyForm();
    private AccessPolicy checkedPolicy;
    private String issuedKey;
    private String issuedKeyId;
    private List<Application> applicationList;

    @PostConstruct
    void init() {
        applicationList = applications.list().stream().sorted(Comparator.comparing(Application::getName, String.CASE_INSENSITIVE_ORDER)).toList();
        expiresInDays = String.valueOf(tokenSettings.keyMaxLifetimeDays());
    }

    public void next() {
        user.requireAdmin();
        try {
            if (step == 1) {
                if (applicationId.isEmpty() && newApplicationName.isBlank()) {
                    throw new IllegalArgumentException("Application: choose one or name a new one");
                }
                if (keyName.isBlank()) {
                    throw new IllegalArgumentException("Key name: say what the key is for (e.g. 'checkout mails, production')");
                }
                expiryDays();
                step = 2;
            } else if (step == 2) {
                checkedPolicy = policy.toPolicy();
                if (checkedPolicy.permissions().isEmpty()) {
                    throw new IllegalArgumentException("Permissions: tick at least one");
                }
                step = 3;
            }
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public void back() {
        if (step > 1 && issuedKey == null) {
            step--;
        }
    }

    public void issue() {
        user.requireAdmin();
        try {
            String app = applicationId;
            if (app.isEmpty()) {
                Application created = applications.create(newApplicationName.strip(), newApplicationOwner.isBlank()
                        ? user.getName() : newApplicationOwner.strip(), null, null, user.acting());
                app = created.getId();
                applicationId = app;
            }
            ApprovalService.Outcome<KeyService.IssuedKey> outcome = approvals.issueKey(app, keyName.strip(), expiryDays(), policy.toPolicy(),
                    null, user.acting());
            if (outcome.isPending()) {
                requestId = outcome.pending().getId();
                step = 5;
                return;
            }
            KeyService.IssuedKey issued = outcome.done();
            issuedKey = issued.apiKey();
            issuedKeyId = issued.key().getId();
            step = 4;
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    private int expiryDays() {
        int max = tokenSettings.keyMaxLifetimeDays();
        try {
            int days = Integer.parseInt(expiresInDays.strip());
            if (days < 1 || days > max) {
                throw new IllegalArgumentException("Expires in: between 1 and " + max + " days (sesame.keys.max-lifetime-days)");
            }
            return days;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expires in: a whole number of days");
        }
    }

    public String getApplicationLabel() {
        return applicationId.isEmpty() ? newApplicationName + " (new)" : applicationList.stream()
                .filter(a -> a.getId().equals(applicationId)).map(Application::getName).findFirst().orElse(applicationId);
    }

    public boolean isFourEyes() { return approvals.required(FourEyesGates.Gate.ISSUE_KEY); }
    public Long getRequestId() { return requestId; }
    public int getMaxLifetimeDays() { return tokenSettings.keyMaxLifetimeDays(); }
    public int getStep() { return step; }
    public List<Application> getApplications() { return applicationList; }
    public String getApplicationId() { return applicationId; }
    public void setApplicationId(String v) { this.applicationId = v == null ? "" : v; }
    public String getNewApplicationName() { return newApplicationName; }
    public void setNewApplicationName(String v) { this.newApplicationName = v == null ? "" : v; }
    public String getNewApplicationOwner() { return newApplicationOwner; }
    public void setNewApplicationOwner(String v) { this.newApplicationOwner = v == null ? "" : v; }
    public String getKeyName() { return keyName; }
    public void setKeyName(String v) { this.keyName = v == null ? "" : v; }
    public String getExpiresInDays() { return expiresInDays; }
    public void setExpiresInDays(String v) { this.expiresInDays = v == null ? "" : v; }
    public PolicyForm getPolicy() { return policy; }
    public AccessPolicy getCheckedPolicy() { return checkedPolicy; }
    public String getIssuedKey() { return issuedKey; }
    public String getIssuedKeyId() { return issuedKeyId; }
}
