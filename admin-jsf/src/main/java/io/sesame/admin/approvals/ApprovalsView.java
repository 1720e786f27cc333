package io.sesame.admin.approvals;

import io.sesame.admin.platform.Messages;
import io.sesame.admin.security.CurrentUser;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.approval.entity.ApprovalRequest;
import io.sesame.policy.control.Permission;
import io.sesame.token.boundary.KeyService;
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
    private boolean all;

    public List<ApprovalRequest> getRequests() {
        return approvals.list(!all);
    }

    public boolean isFourEyes() {
        return approvals.required();
    }

    public String permissionsOf(ApprovalRequest request) {
        return Permission.actions(approvals.policyOf(request).permissions());
    }

    public boolean mine(ApprovalRequest request) {
        return request.getRequestedBy().equals(user.acting().name());
    }

    public void approve(long id) {
        user.requireAdmin();
        forget();
        try {
            ApprovalRequest r = approvals.approve(id, user.acting(), notes.get(id));
            Messages.info("Request " + id + " approved" + (r.getKind() == ApprovalRequest.Kind.CHANGE_POLICY
                    ? "; the key's new policy is in force." : "; " + r.getRequestedBy() + " can now collect the key."));
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
            KeyService.IssuedKey issued = approvals.collect(id, user.acting());
            collectedKey = issued.apiKey();
            collectedKeyId = issued.key().getId();
            Messages.info("Key issued. Copy it now: it is shown only this once.");
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
    }

    public Map<Long, String> getNotes() { return notes; }
    public String getCollectedKey() { return collectedKey; }
    public String getCollectedKeyId() { return collectedKeyId; }
    public boolean isAll() { return all; }
}
