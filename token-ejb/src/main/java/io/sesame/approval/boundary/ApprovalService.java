package io.sesame.approval.boundary;

import io.sesame.access.control.Actor;
import io.sesame.approval.control.FourEyes;
import io.sesame.approval.entity.ApprovalRequest;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.boundary.KeyService;
import io.sesame.user.entity.AdminUser;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Four-eyes approval for the portal (sesame.approvals.four-eyes): a key request, or a policy change that widens
 * access, waits until another admin approves it; the requester can never approve their own request. Policy
 * changes apply on approval; approved key requests are collected by the requester, who sees the key once.
 */
@Stateless
public class ApprovalService {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "sesame.approvals.four-eyes", defaultValue = "false")
    boolean fourEyes;

    @EJB
    KeyService keys;

    @EJB
    LifecycleAudit audit;

    public boolean required() {
        return fourEyes;
    }

    /** Whether this policy change needs a second admin: four-eyes on and the new policy grants more. */
    public boolean needsApproval(String keyId, AccessPolicy next) {
        return required() && next.widens(keys.get(keyId).policy());
    }

    public ApprovalRequest requestKey(String applicationId, String keyName, int expiresDays, AccessPolicy policy, String reason,
                                      Actor requester) {
        requester.require(Permission.MANAGE_KEYS);
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.Kind.ISSUE_KEY, applicationId, null, keyName, expiresDays,
                PolicyJson.toJson(policy).toString(), blankToNull(reason), requester.name(), Instant.now());
        em.persist(request);
        em.flush();
        audit.record(requester.name(), "approval.requested", "approval", String.valueOf(request.getId()), "new key '" + keyName
                + "' for application " + applicationId + "; permissions " + Permission.actions(policy.permissions()), null, null);
        return request;
    }

    public ApprovalRequest requestPolicyChange(String keyId, AccessPolicy policy, String reason, Actor requester) {
        requester.require(Permission.MANAGE_KEYS);
        String applicationId = keys.get(keyId).key().getApplicationId();
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.Kind.CHANGE_POLICY, applicationId, keyId, null, null,
                PolicyJson.toJson(policy).toString(), blankToNull(reason), requester.name(), Instant.now());
        em.persist(request);
        em.flush();
        audit.record(requester.name(), "approval.requested", "approval", String.valueOf(request.getId()), "wider policy for key " + keyId
                + "; permissions " + Permission.actions(policy.permissions()), null, null);
        return request;
    }

    public ApprovalRequest approve(long id, Actor approving, String note) {
        approving.require(Permission.MANAGE_KEYS); // whichever door asks: only a key manager completes four-eyes
        String approver = approving.name();
        ApprovalRequest request = pending(id);
        AdminUser account = approver.startsWith("portal:")
                ? em.find(AdminUser.class, FourEyes.principal(approver).substring("portal:".length())) : null;
        String refusal = FourEyes.refusal(request.getRequestedBy(), approver, account == null ? null : account.getCreatedBy(),
                account == null ? null : account.getRolesChangedBy());
        if (refusal != null) {
            throw SesameException.conflict("four_eyes", refusal);
        }
        if (request.getKind() == ApprovalRequest.Kind.CHANGE_POLICY) {
            keys.changePolicy(request.getKeyId(), policyOf(request), approving.because("approving request " + id + " by "
                    + request.getRequestedBy()));
            request.decide(ApprovalRequest.Status.APPLIED, approver, blankToNull(note), Instant.now());
        } else {
            request.decide(ApprovalRequest.Status.APPROVED, approver, blankToNull(note), Instant.now());
        }
        audit.record(approver, "approval.approved", "approval", String.valueOf(id), request.getKind().name().toLowerCase()
                + " requested by " + request.getRequestedBy() + (note == null || note.isBlank() ? "" : " — " + note.strip()), null, null);
        return request;
    }

    public ApprovalRequest reject(long id, Actor approver, String note) {
        approver.require(Permission.MANAGE_KEYS);
        ApprovalRequest request = pending(id);
        if (note == null || note.isBlank()) {
            throw SesameException.invalid("note", "say why the request is rejected");
        }
        request.decide(ApprovalRequest.Status.REJECTED, approver.name(), note.strip(), Instant.now());
        audit.record(approver.name(), "approval.rejected", "approval", String.valueOf(id), request.getKind().name().toLowerCase()
                + " requested by " + request.getRequestedBy() + " — " + note.strip(), null, null);
        return request;
    }

    /** The requester issues an approved key: the only time its secret is shown. */
    public KeyService.IssuedKey collect(long id, Actor requesting) {
        requesting.require(Permission.MANAGE_KEYS);
        String requester = requesting.name();
        ApprovalRequest request = em.find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw SesameException.notFound("approval request", String.valueOf(id));
        }
        if (!request.getRequestedBy().equals(requester)) {
            throw new SesameException(ErrorKind.FORBIDDEN, "not_the_requester", "Only " + request.getRequestedBy() + " can collect this key");
        }
        if (request.getKind() != ApprovalRequest.Kind.ISSUE_KEY || request.getStatus() != ApprovalRequest.Status.APPROVED) {
            throw SesameException.conflict("not_approved", "Request " + id + " is " + request.getStatus().name().toLowerCase());
        }
        KeyService.IssuedKey issued = keys.issue(request.getApplicationId(), request.getKeyName(), request.getExpiresDays(),
                policyOf(request), requesting.because("approved by " + request.getDecidedBy() + ", request " + id));
        request.completed(ApprovalRequest.Status.ISSUED, issued.key().getId());
        return issued;
    }

    public List<ApprovalRequest> list(boolean pendingOnly) {
        return em.createQuery(pendingOnly
                        ? "select r from ApprovalRequest r where r.status in :open order by r.requestedAt"
                        : "select r from ApprovalRequest r order by r.requestedAt desc", ApprovalRequest.class)
                .setParameter("open", List.of(ApprovalRequest.Status.PENDING, ApprovalRequest.Status.APPROVED))
                .setMaxResults(200).getResultList();
    }

    public AccessPolicy policyOf(ApprovalRequest request) {
        return PolicyJson.parse(Json.createReader(new StringReader(request.getPolicyJson())).readObject());
    }

    private ApprovalRequest pending(long id) {
        ApprovalRequest request = em.find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw SesameException.notFound("approval request", String.valueOf(id));
        }
        if (request.getStatus() != ApprovalRequest.Status.PENDING) {
            throw SesameException.conflict("already_decided", "Request " + id + " was already " + request.getStatus().name().toLowerCase());
        }
        return request;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
