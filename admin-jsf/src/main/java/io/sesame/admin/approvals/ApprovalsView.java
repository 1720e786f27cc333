package io.sesame.admin.approvals;

import io.sesame.admin.platform.Messages;
import io.sesame.admin.security.CurrentUser;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.approval.entity.ApprovalRequest;
import io.sesame.approval.control.FourEyes;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Four-eyes approvals: requests waiting for a second admin (who may approve or reject, never their own), and the
 * requester's approved key requests, collected here — the key is shown once, to the requester only.
 */
@Named
@ViewScoped
public class ApprovalsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ApprovalService approvals;

    @Inject
    CurrentUser user;

    private final Map<Long, String> notes = new HashMap<>();
    private String collectedKey;
    private String collectedKeyId;
    private String collectedUser;
    private String collectedPassword;
    private boolean all;

    public List<ApprovalRequest> getRequests() {
        return approvals.list(!all);
    }

    public boolean isFourEyes() {
        return approvals.required();
    }

    public String getGates() {
        return approvals.gates().describe();
    }

    public String describe(ApprovalRequest request) {
        return approvals.describe(request);
    }

    public boolean mine(ApprovalRequest request) {
        return FourEyes.principal(request.getRequestedBy()).equals(user.acting().name());
    }

    public void approve(long id) {
        user.requireAdmin();
        forget();
        try {
            ApprovalRequest r = approvals.approve(id, user.acting(), notes.get(id));
            Messages.info("Request " + id + " approved" + switch (r.getKind()) {
                case CHANGE_POLICY -> "; the key's new policy is in force.";
                case CHANGE_ROLES -> "; the account's new roles are in force.";
                case ISSUE_KEY, ROTATE_KEY -> "; " + r.getRequestedBy() + " can now collect the key.";
                case CREATE_USER -> "; " + r.getRequestedBy() + " can now collect the account's first password.";
            });
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public void reject(long id) {
        user.requireAdmin();
        forget();
        try {
            approvals.reject(id, user.acting(), notes.get(id));
            Messages.info("Request " + id + " rejected.");
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public void collect(long id) {
        user.requireAdmin();
        forget();
        try {
            ApprovalService.Collected collected = approvals.collect(id, user.acting());
            if (collected.key() != null) {
                collectedKey = collected.key().apiKey();
                collectedKeyId = collected.key().key().getId();
                Messages.info("Key issued. Copy it now: it is shown only this once.");
            } else {
                collectedUser = collected.username();
                collectedPassword = collected.password();
                Messages.info("Account " + collectedUser + " created. Give them the first password below; it is shown only this once.");
            }
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public void showAll() {
        forget();
        all = !all;
    }

    private void forget() {
        collectedKey = null;
        collectedKeyId = null;
        collectedUser = null;
        collectedPassword = null;
    }

    public Map<Long, String> getNotes() { return notes; }
    public String getCollectedKey() { return collectedKey; }
    public String getCollectedKeyId() { return collectedKeyId; }
    public boolean isAll() { return all; }
    public String getCollectedUser() { return collectedUser; }
    public String getCollectedPassword() { return collectedPassword; }
}
