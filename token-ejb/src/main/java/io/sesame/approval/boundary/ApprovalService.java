package io.sesame.approval.boundary;

import io.sesame.access.boundary.FourEyesSettings;
import io.sesame.access.control.Actor;
import io.sesame.access.control.FourEyesGates;
import io.sesame.access.control.FourEyesGates.Gate;
import io.sesame.approval.control.FourEyes;
import io.sesame.approval.entity.ApprovalRequest;
import io.sesame.approval.entity.ApprovalRequest.Kind;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.ApiKey;
import io.sesame.user.boundary.AdminAccounts;
import io.sesame.user.entity.AdminRole;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The door every gated change goes through (sesame.approvals.four-eyes): issuing a key, widening a policy, creating a
 * portal account or giving one a new role either happens at once or — when its gate is on — becomes a request that
 * another person approves ({@link FourEyes} says who may). The services behind refuse a gated change that carries no
 * approval ({@link FourEyesGates#require}), so a door that skipped this one is refused, not let through.
 */
@Stateless
public class ApprovalService {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    FourEyesSettings settings;

    @EJB
    KeyService keys;

    @EJB
    AdminAccounts accounts;

    @EJB
    LifecycleAudit audit;

    /** What a gated change came to: done now, or waiting for approval. */
    public record Outcome<T>(T done, ApprovalRequest pending) {
        public boolean isPending() {
            return pending != null;
        }
    }

    /** What the requester collects from an approved request: a key (shown once), or an account's first password (once). */
    public record Collected(KeyService.IssuedKey key, String username, String password) {
    }

    public FourEyesGates gates() {
        return settings.gates();
    }

    /** Whether four-eyes holds anything (the portal says so). */
    public boolean required() {
        return !gates().gates().isEmpty();
    }

    public boolean required(Gate gate) {
        return gates().holds(gate);
    }

    public Outcome<KeyService.IssuedKey> issueKey(String applicationId, String keyName, Integer expiresDays, AccessPolicy policy,
                                                  String reason, Actor requester) {
        requester.require(Permission.MANAGE_KEYS);
        keys.checkIssue(applicationId, keyName, expiresDays, policy, requester);
        if (!gates().mustAsk(Gate.ISSUE_KEY, requester)) {
            return new Outcome<>(keys.issue(applicationId, keyName, expiresDays, policy, requester), null);
        }
        ApprovalRequest request = new ApprovalRequest(Kind.ISSUE_KEY, applicationId, null, keyName.strip(), expiresDays,
                PolicyJson.toJson(policy).toString(), clean("reason", reason), requester.name(), Instant.now());
        return new Outcome<>(null, requested(request, requester, "new key '" + keyName.strip() + "' for application " + applicationId
                + "; permissions " + Permission.actions(policy.permissions())));
    }

    public Outcome<KeyService.KeyView> changePolicy(String keyId, AccessPolicy policy, String reason, Actor requester) {
        requester.require(Permission.MANAGE_KEYS);
        boolean widens = keys.checkPolicyChange(keyId, policy, requester);
        if (!widens || !gates().mustAsk(Gate.WIDEN_POLICY, requester)) {
            return new Outcome<>(keys.changePolicy(keyId, policy, requester), null);
        }
        KeyService.KeyView key = keys.get(keyId);
        ApprovalRequest request = new ApprovalRequest(Kind.CHANGE_POLICY, key.key().getApplicationId(), keyId, null, null,
                PolicyJson.toJson(policy).toString(), clean("reason", reason), requester.name(), Instant.now());
        request.against(key.key().getPolicyVersion());
        return new Outcome<>(null, requested(request, requester, "wider policy for key " + keyId + "; permissions "
                + Permission.actions(policy.permissions())));
    }

    /** A rotation: done at once by the key or its maker (they hold its secret already), else under the issue-key gate. */
    public Outcome<KeyService.IssuedKey> rotateKey(String keyId, Long graceSeconds, String reason, Actor requester) {
        requester.require(Permission.MANAGE_KEYS);
        long grace = keys.checkRotate(keyId, graceSeconds, requester);
        if (keys.holdsSecretOf(keyId, requester) || !gates().mustAsk(Gate.ISSUE_KEY, requester)) {
            return new Outcome<>(keys.rotate(keyId, grace, requester), null);
        }
        KeyService.KeyView key = keys.get(keyId);
        ApprovalRequest request = ApprovalRequest.forRotation(key.key().getApplicationId(), keyId, grace, clean("reason", reason),
                requester.name(), Instant.now());
        request.against(key.key().getPolicyVersion());
        return new Outcome<>(null, requested(request, requester, "rotation of key " + keyId + " (grace " + grace + " s): its new secret "
                + "goes to the requester"));
    }

    /** A new portal account; done returns its first password, shown once. */
    public Outcome<String> createUser(String username, Set<AdminRole> roles, String reason, Actor requester) {
        requester.require(Permission.MANAGE_PORTAL_USERS);
        String name = accounts.checkCreate(username, roles, requester);
        if (!gates().mustAsk(Gate.CREATE_USER, requester)) {
            return new Outcome<>(accounts.create(name, roles, requester), null);
        }
        ApprovalRequest request = ApprovalRequest.forAccount(Kind.CREATE_USER, name, rolesText(roles), clean("reason", reason), requester.name(),
                Instant.now());
        return new Outcome<>(null, requested(request, requester, "new portal account " + name + " with roles " + rolesText(roles)));
    }

    public Outcome<AdminUser> setRoles(String username, Set<AdminRole> roles, String reason, Actor requester) {
        requester.require(Permission.MANAGE_PORTAL_USERS);
        boolean elevates = accounts.checkRoles(username, roles, requester);
        if (!elevates || !gates().mustAsk(Gate.ELEVATE_USER, requester)) {
            return new Outcome<>(accounts.setRoles(username, roles, requester), null);
        }
        ApprovalRequest request = ApprovalRequest.forAccount(Kind.CHANGE_ROLES, username, rolesText(roles), clean("reason", reason), requester.name(),
                Instant.now());
        return new Outcome<>(null, requested(request, requester, "roles " + rolesText(roles) + " for portal account " + username));
    }

    public ApprovalRequest approve(long id, Actor approving, String note) {
        ApprovalRequest request = pending(id);
        approving.require(authority(request));
        requireActiveRequester(request);
        if (request.getKind() == Kind.CHANGE_POLICY || request.getKind() == Kind.ROTATE_KEY) {
            int current = keys.get(request.getKeyId()).key().getPolicyVersion();
            // a request from before versions were recorded (null) cannot show it is current: refused like an outdated one
            if (request.getBasePolicyVersion() == null || request.getBasePolicyVersion() != current) {
                // the key changed since (narrowed in an incident, reduced by a review): applying the old request would undo that
                throw SesameException.conflict("request_outdated", "Key " + request.getKeyId() + " is at policy version " + current
                        + ", not the version " + request.getBasePolicyVersion() + " this request was made against; reject it and request again");
            }
        }
        String refusal = FourEyes.refusal(request.getRequestedBy(), approving.name(), subjectOf(request), this::originOf);
        if (refusal != null) {
            throw SesameException.conflict("four_eyes", refusal);
        }
        Actor carrying = approving.because("approving request " + id + " by " + FourEyes.principal(request.getRequestedBy()))
                .carrying(new Actor.Approval(id, request.getRequestedBy(), approving.name()));
        switch (request.getKind()) {
            case CHANGE_POLICY -> {
                keys.changePolicy(request.getKeyId(), policyOf(request), carrying);
                request.decide(ApprovalRequest.Status.APPLIED, approving.name(), clean("note", note), Instant.now());
            }
            case CHANGE_ROLES -> {
                accounts.setRoles(request.getUsername(), rolesOf(request), carrying);
                request.decide(ApprovalRequest.Status.APPLIED, approving.name(), clean("note", note), Instant.now());
            }
            case ISSUE_KEY -> {
                approving.requireMayGrant(Set.of(), policyOf(request).permissions()); // no approving what one could not grant
                request.decide(ApprovalRequest.Status.APPROVED, approving.name(), clean("note", note), Instant.now());
            }
            case ROTATE_KEY -> {
                approving.requireMayGrant(Set.of(), keys.get(request.getKeyId()).policy().permissions()); // the new key carries it
                request.decide(ApprovalRequest.Status.APPROVED, approving.name(), clean("note", note), Instant.now());
            }
            case CREATE_USER -> request.decide(ApprovalRequest.Status.APPROVED, approving.name(), clean("note", note), Instant.now());
        }
        audit.record(approving.name(), "approval.approved", "approval", String.valueOf(id), describe(request)
                + " requested by " + request.getRequestedBy() + (clean("note", note) == null ? "" : " — " + clean("note", note)), null, null);
        return request;
    }

    /**
     * Anyone who could approve may reject (with a reason); the requester may withdraw their own. An approved key or
     * account not yet collected can still be stopped this way.
     */
    public ApprovalRequest reject(long id, Actor approver, String note) {
        ApprovalRequest request = em.find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw SesameException.notFound("approval request", String.valueOf(id));
        }
        if (request.getStatus() != ApprovalRequest.Status.PENDING && request.getStatus() != ApprovalRequest.Status.APPROVED) {
            throw SesameException.conflict("already_decided", "Request " + id + " was already " + request.getStatus().name().toLowerCase());
        }
        approver.require(authority(request));
        if (clean("note", note) == null) {
            throw SesameException.invalid("note", "say why the request is rejected");
        }
        request.decide(ApprovalRequest.Status.REJECTED, approver.name(), clean("note", note), Instant.now());
        audit.record(approver.name(), "approval.rejected", "approval", String.valueOf(id), describe(request)
                + " requested by " + request.getRequestedBy() + " — " + clean("note", note), null, null);
        return request;
    }

    /** The requester carries out an approved key or account request: the only time its secret is shown. */
    public Collected collect(long id, Actor requesting) {
        ApprovalRequest request = em.find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw SesameException.notFound("approval request", String.valueOf(id));
        }
        requesting.require(authority(request));
        if (!FourEyes.principal(request.getRequestedBy()).equals(FourEyes.principal(requesting.name()))) {
            throw new SesameException(ErrorKind.FORBIDDEN, "not_the_requester", "Only " + request.getRequestedBy() + " can collect this");
        }
        boolean collectable = request.getKind() == Kind.ISSUE_KEY || request.getKind() == Kind.CREATE_USER
                || request.getKind() == Kind.ROTATE_KEY;
        if (!collectable || request.getStatus() != ApprovalRequest.Status.APPROVED) {
            throw SesameException.conflict("not_approved", "Request " + id + " is " + request.getStatus().name().toLowerCase()
                    + (collectable ? "" : "; it applied when it was approved"));
        }
        Actor carrying = requesting.because("approved by " + FourEyes.principal(request.getDecidedBy()) + ", request " + id)
                .carrying(new Actor.Approval(id, request.getRequestedBy(), request.getDecidedBy()));
        if (request.getKind() == Kind.ROTATE_KEY) {
            int current = keys.get(request.getKeyId()).key().getPolicyVersion();
            if (request.getBasePolicyVersion() != null && request.getBasePolicyVersion() != current) {
                throw SesameException.conflict("request_outdated", "Key " + request.getKeyId() + " changed its policy since this rotation was "
                        + "approved; request it again");
            }
            KeyService.IssuedKey rotated = keys.rotate(request.getKeyId(), request.getGraceSeconds(), carrying);
            request.completed(ApprovalRequest.Status.ISSUED, rotated.key().getId());
            return new Collected(rotated, null, null);
        }
        if (request.getKind() == Kind.ISSUE_KEY) {
            KeyService.IssuedKey issued = keys.issue(request.getApplicationId(), request.getKeyName(), request.getExpiresDays(),
                    policyOf(request), carrying);
            request.completed(ApprovalRequest.Status.ISSUED, issued.key().getId());
            return new Collected(issued, null, null);
        }
        String password = accounts.create(request.getUsername(), rolesOf(request), carrying);
        request.completed(ApprovalRequest.Status.ISSUED, null);
        return new Collected(null, request.getUsername(), password);
    }

    public ApprovalRequest get(long id) {
        ApprovalRequest request = em.find(ApprovalRequest.class, id);
        if (request == null) {
            throw SesameException.notFound("approval request", String.valueOf(id));
        }
        return request;
    }

    public List<ApprovalRequest> list(boolean pendingOnly) {
        return em.createQuery(pendingOnly
                        ? "select r from ApprovalRequest r where r.status in :open order by r.requestedAt"
                        : "select r from ApprovalRequest r order by r.requestedAt desc", ApprovalRequest.class)
                .setParameter("open", List.of(ApprovalRequest.Status.PENDING, ApprovalRequest.Status.APPROVED))
                .setMaxResults(200).getResultList();
    }

    /** The policy a key request asks for, or null for an account request. */
    public AccessPolicy policyOf(ApprovalRequest request) {
        return request.getPolicyJson() == null ? null
                : PolicyJson.parse(Json.createReader(new StringReader(request.getPolicyJson())).readObject());
    }

    /** One line saying what a request asks for, as the portal and the API show it. */
    public String describe(ApprovalRequest request) {
        return switch (request.getKind()) {
            case ISSUE_KEY -> "new key '" + request.getKeyName() + "' for application " + request.getApplicationId() + "; permissions "
                    + Permission.actions(policyOf(request).permissions());
            case CHANGE_POLICY -> "wider policy for key " + request.getKeyId() + "; permissions " + Permission.actions(policyOf(request).permissions());
            case CREATE_USER -> "new portal account " + request.getUsername() + " with roles " + request.getRoles();
            case CHANGE_ROLES -> "roles " + request.getRoles() + " for portal account " + request.getUsername();
            case ROTATE_KEY -> "rotation of key " + request.getKeyId() + " (grace " + request.getGraceSeconds() + " s); the new secret goes to "
                    + FourEyes.principal(request.getRequestedBy());
        };
    }

    private ApprovalRequest requested(ApprovalRequest request, Actor requester, String detail) {
        em.persist(request);
        em.flush();
        audit.record(requester.name(), "approval.requested", "approval", String.valueOf(request.getId()), detail
                + (request.getReason() == null ? "" : " — " + request.getReason()), null, null);
        return request;
    }

    /** A request whose requester was disabled (or whose key no longer works) is not approved: it would act for no one. */
    private void requireActiveRequester(ApprovalRequest request) {
        String requester = FourEyes.principal(request.getRequestedBy());
        boolean active = true;
        if (requester.startsWith("portal:")) {
            AdminUser account = em.find(AdminUser.class, requester.substring("portal:".length()));
            active = account != null && account.isActive();
        } else if (requester.startsWith("key:")) {
            ApiKey key = em.find(ApiKey.class, requester.substring("key:".length()));
            active = key != null && key.getStatus().isLive();
        }
        if (!active) {
            throw SesameException.conflict("requester_inactive", FourEyes.principal(request.getRequestedBy())
                    + " is disabled or no longer works: reject this request");
        }
    }

    /** Key requests are decided by key managers, account requests by those who manage portal accounts. */
    private static Permission authority(ApprovalRequest request) {
        return request.getKind() == Kind.CREATE_USER || request.getKind() == Kind.CHANGE_ROLES
                ? Permission.MANAGE_PORTAL_USERS : Permission.MANAGE_KEYS;
    }

    private static String subjectOf(ApprovalRequest request) {
        return switch (request.getKind()) {
            case CHANGE_POLICY, ROTATE_KEY -> "key:" + request.getKeyId();
            case CHANGE_ROLES, CREATE_USER -> "portal:" + request.getUsername();
            case ISSUE_KEY -> null;
        };
    }

    /**
     * Where a principal comes from, for {@link FourEyes}: an account's creator and last elevator (none for the accounts
     * Sesame created itself); a key's maker (issuer, collector or rotator: who saw its secret) and the authors of its
     * policy versions.
     */
    FourEyes.Origin originOf(String principal) {
        if (principal.startsWith("portal:")) {
            AdminUser account = em.find(AdminUser.class, principal.substring("portal:".length()));
            return account == null ? UNKNOWN
                    : new FourEyes.Origin(account.getCreatedBy() == null ? UNKNOWN.createdBy() : account.getCreatedBy(),
                    java.util.Collections.singletonList(account.getRolesChangedBy()), false);
        }
        if (principal.startsWith("key:")) {
            ApiKey key = em.find(ApiKey.class, principal.substring("key:".length()));
            if (key == null) {
                return UNKNOWN;
            }
            List<String> authors = em.createQuery("select distinct p.createdBy from AccessPolicyVersion p where p.keyId = :key", String.class)
                    .setParameter("key", key.getId()).getResultList();
            return new FourEyes.Origin(key.getCreatedBy(), authors, true);
        }
        return principal.startsWith("system:") ? FourEyes.Origin.ROOT : UNKNOWN;
    }

    /**
     * A principal whose maker Sesame does not know (an account from before makers were recorded, a name it cannot find):
     * never a root — all such share one unknown maker, so they approve nothing for each other (fail closed).
     */
    private static final FourEyes.Origin UNKNOWN = new FourEyes.Origin("legacy:unknown-maker", List.of(), false);

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

    private static String rolesText(Set<AdminRole> roles) {
        return roles.stream().sorted().map(AdminRole::name).collect(Collectors.joining(","));
    }

    private static Set<AdminRole> rolesOf(ApprovalRequest request) {
        Set<AdminRole> roles = EnumSet.noneOf(AdminRole.class);
        Arrays.stream(request.getRoles().split(",")).map(AdminRole::valueOf).forEach(roles::add);
        return roles;
    }

    /** Free text from a caller, bounded as the column is. */
    private static String clean(String field, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String stripped = s.strip();
        if (stripped.length() > 2000) {
            throw SesameException.invalid(field, "at most 2000 characters");
        }
        return stripped;
    }
}
