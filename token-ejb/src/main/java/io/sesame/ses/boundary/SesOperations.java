package io.sesame.ses.boundary;

import jakarta.inject.Inject;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.control.CallContext;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Decision;
import io.sesame.policy.control.MessageFacts;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyEngine;
import io.sesame.policy.control.Reason;
import io.sesame.policy.control.ReasonCode;
import io.sesame.policy.control.ResourceScope;
import io.sesame.policy.control.ScopedListings;
import io.sesame.quota.boundary.DailyQuota;
import io.sesame.ses.control.AwsSesTransport;
import io.sesame.ses.control.EmailTemplate;
import io.sesame.ses.control.SesFailure;
import io.sesame.ses.control.SesTransport;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.control.KeyState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * SES operations other than sending (account, templates, identities, configuration sets, suppression list):
 * each checked against the key's scope (templates against its template list, suppression-list addresses
 * against its recipient domains), audited like a send, and carried out by the configured transport — SES
 * through the SDK, or the sandbox's own store where it has one. Listings show only what the scope reaches:
 * templates in its template list, suppressed addresses in its recipient domains, identities in its From scope.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SesOperations {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    SesGateway gateway;

    @Inject
    CallAudit audit;

    @Inject
    KeyDirectory directory;

    @EJB
    DailyQuota quota;


    /** Sending status and quota: SES's account (or the sandbox's), plus this key's own limits and usage today. */
    public JsonObject account(CallContext caller) {
        KeyState key = key(caller);
        JsonObjectBuilder out = Json.createObjectBuilder().add("transport", gateway.transportName());
        SesTransport.AccountStatus account = audited(caller, Permission.GET_ACCOUNT, (String) null, () -> gateway.transport().account());
        out.add("sendingEnabled", account.sendingEnabled()).add("productionAccessEnabled", account.productionAccessEnabled())
                .add("enforcementStatus", account.enforcementStatus());
        if (account.quota() != null) {
            out.add("sendQuota", Json.createObjectBuilder()
                    .add("max24HourSend", account.quota().max24HourSend())
                    .add("maxSendRate", account.quota().maxSendRate())
                    .add("sentLast24Hours", account.quota().sentLast24Hours()));
        }
        ResourceScope scope = key.policy().scope();
        JsonObjectBuilder limits = Json.createObjectBuilder();
        DailyQuota.Usage today = quota.current(caller.keyId(), LocalDate.now(ZoneOffset.UTC));
        limits.add("sentToday", today == null ? 0 : today.messages());
        limits.add("recipientsToday", today == null ? 0 : today.recipients());
        if (scope.dailyQuota() != null) {
            limits.add("dailyQuota", scope.dailyQuota());
        }
        if (scope.dailyRecipientQuota() != null) {
            limits.add("dailyRecipientQuota", scope.dailyRecipientQuota());
        }
        if (scope.ratePerSecond() != null) {
            limits.add("ratePerSecond", scope.ratePerSecond());
        }
        if (scope.maxRecipients() != null) {
            limits.add("maxRecipients", scope.maxRecipients());
        }
        return out.add("key", limits).build();
    }

    public List<String> listTemplates(CallContext caller) {
        ResourceScope scope = key(caller).policy().scope();
        List<String> names = audited(caller, Permission.LIST_EMAIL_TEMPLATES, (String) null, () -> gateway.transport().listTemplates());
        return scope.templates() == null ? names : names.stream().filter(scope.templates()::contains).toList();
    }

    public EmailTemplate getTemplate(CallContext caller, String name) {
        return audited(caller, Permission.GET_EMAIL_TEMPLATE, name, () -> gateway.transport().getTemplate(name));
    }

    public void createTemplate(CallContext caller, EmailTemplate template) {
        audited(caller, Permission.CREATE_EMAIL_TEMPLATE, template.name(), () -> {
            gateway.transport().createTemplate(template);
            return null;
        });
    }

    public void updateTemplate(CallContext caller, EmailTemplate template) {
        audited(caller, Permission.UPDATE_EMAIL_TEMPLATE, template.name(), () -> {
            gateway.transport().updateTemplate(template);
            return null;
        });
    }

    public void deleteTemplate(CallContext caller, String name) {
        audited(caller, Permission.DELETE_EMAIL_TEMPLATE, name, () -> {
            gateway.transport().deleteTemplate(name);
            return null;
        });
    }

    public EmailTemplate renderTemplate(CallContext caller, String name, JsonObject data) {
        return audited(caller, Permission.TEST_RENDER_EMAIL_TEMPLATE, name, () -> gateway.transport().renderTemplate(name, data));
    }

    /** Checks the template list, records the call, runs it, records the outcome. */
    private <T> T audited(CallContext caller, Permission action, String template, Supplier<T> operation) {
        ResourceScope scope = key(caller).policy().scope();
        Decision decision;
        if (!caller.granted().contains(action)) {
            // The bearer API refuses this before it gets here; the SigV4 endpoint relies on this check (and its audit).
            decision = new Decision(List.of(new Reason(ReasonCode.PERMISSION_MISSING, "the key does not hold " + action.action())), null);
        } else if (template != null && scope.templates() != null && !scope.templates().contains(template)) {
            decision = new Decision(List.of(new Reason(ReasonCode.TEMPLATE_NOT_ALLOWED, "template '" + template + "' is not allowed")), null);
        } else {
            decision = new Decision(List.of(), null);
        }
        return audited(caller, action, decision, operation);
    }

    /** Records the call with its decision, runs it when allowed, records the outcome. */
    private <T> T audited(CallContext caller, Permission action, Decision decision, Supplier<T> operation) {
        if (!caller.granted().contains(action)) {
            // every door's last line: whatever decided the scope, the key must hold the action itself
            decision = new Decision(List.of(new Reason(ReasonCode.PERMISSION_MISSING, "the key does not hold " + action.action())), null);
        }
        long auditId;
        try {
            auditId = audit.begin(caller, action.action(), null, decision, gateway.transportName());
        } catch (RuntimeException e) {
            throw SesameException.unavailable("the audit trail cannot be written, so nothing is done; try again later");
        }
        if (!decision.allowed()) {
            Reason reason = decision.primary();
            throw new SesameException(reason.code().kind(), reason.code().code(), reason.detail() + " (audit " + auditId + ")");
        }
        long started = System.nanoTime();
        try {
            T result = operation.get();
            audit.sent(auditId, null, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return result;
        } catch (SesFailure failure) {
            audit.failed(auditId, failure.sesErrorCode() + ": " + failure.getMessage(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            throw failure;
        } catch (SesameException refused) {
            audit.failed(auditId, refused.code() + ": " + refused.getMessage(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            throw refused;
        } catch (RuntimeException e) {
            SesFailure failure = AwsSesTransport.translate(e);
            audit.failed(auditId, failure.sesErrorCode() + ": " + failure.getMessage(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            throw failure;
        }
    }

    /**
     * The account's identities that the key's From scope reaches ({@link ScopedListings#showsIdentity}): an email
     * identity its From patterns allow, a domain identity in which they allow addresses. Filtered after SES answered:
     * SES's paging is followed to the end here, so the answer is complete; were it ever passed through page by page,
     * a filtered page could come back short (even empty) while SES's next token still leads on.
     */
    public List<JsonObject> listIdentities(CallContext caller) {
        ResourceScope scope = key(caller).policy().scope();
        List<JsonObject> identities = audited(caller, Permission.LIST_EMAIL_IDENTITIES, (String) null, () -> gateway.transport().listIdentities());
        return scope.fromAddresses() == null ? identities
                : identities.stream().filter(i -> ScopedListings.showsIdentity(scope, i.getString("identity", null))).toList();
    }

    /** One identity, if the key's From scope reaches it (the rule its listing applies). */
    public JsonObject getIdentity(CallContext caller, String identity) {
        ResourceScope scope = key(caller).policy().scope();
        Decision decision = ScopedListings.showsIdentity(scope, identity) ? new Decision(List.of(), null)
                : new Decision(List.of(new Reason(ReasonCode.FROM_NOT_ALLOWED, "identity '" + identity
                        + "' is outside the key's fromAddresses")), null);
        return audited(caller, Permission.GET_EMAIL_IDENTITY, decision, () -> gateway.transport().getIdentity(identity));
    }

    /** The account's configuration sets; a key pinned to one sees only that one. */
    public List<String> listConfigurationSets(CallContext caller) {
        ResourceScope scope = key(caller).policy().scope();
        List<String> sets = audited(caller, Permission.LIST_CONFIGURATION_SETS, (String) null, () -> gateway.transport().listConfigurationSets());
        return scope.configurationSet() == null ? sets : sets.stream().filter(scope.configurationSet()::equals).toList();
    }

    /**
     * The suppressed addresses within the key's recipient domains ({@link ScopedListings#showsSuppressed}, the rule
     * get/put/delete apply to one address). Filtered after SES answered, with the same note on paging as
     * {@link #listIdentities}.
     */
    public List<JsonObject> listSuppressed(CallContext caller) {
        ResourceScope scope = key(caller).policy().scope();
        List<JsonObject> suppressed = audited(caller, Permission.LIST_SUPPRESSED_DESTINATIONS, (String) null, () -> gateway.transport().listSuppressed());
        return scope.recipientDomainsAllow() == null && scope.recipientDomainsDeny() == null ? suppressed
                : suppressed.stream().filter(d -> ScopedListings.showsSuppressed(scope, d.getString("emailAddress", null))).toList();
    }

    public JsonObject getSuppressed(CallContext caller, String email) {
        return audited(caller, Permission.GET_SUPPRESSED_DESTINATION, recipientDecision(caller, email),
                () -> gateway.transport().getSuppressed(email));
    }

    public void putSuppressed(CallContext caller, String email, String reason) {
        audited(caller, Permission.PUT_SUPPRESSED_DESTINATION, recipientDecision(caller, email), () -> {
            try {
                gateway.transport().putSuppressed(email, reason);
            } catch (IllegalArgumentException e) {
                throw new SesameException(ErrorKind.INVALID, "invalid_request", e.getMessage());
            }
            return null;
        });
    }

    public void deleteSuppressed(CallContext caller, String email) {
        audited(caller, Permission.DELETE_SUPPRESSED_DESTINATION, recipientDecision(caller, email), () -> {
            gateway.transport().deleteSuppressed(email);
            return null;
        });
    }

    /** A suppression-list address is a recipient: the key's recipient domain rules apply to it. */
    private Decision recipientDecision(CallContext caller, String email) {
        if (email == null || !email.matches("[^@\\s]{1,64}@[^@\\s]{1,253}")) {
            throw SesameException.invalid("emailAddress", "'" + email + "' is not an email address");
        }
        ResourceScope scope = key(caller).policy().scope();
        Decision full = PolicyEngine.evaluate(Permission.SEND_EMAIL, java.util.EnumSet.of(Permission.SEND_EMAIL),
                new ResourceScope(null, null, null, null, scope.recipientDomainsAllow(), scope.recipientDomainsDeny(),
                        null, null, null, null, null, null),
                new MessageFacts(email, null, List.of(email), null, null), null, false);
        return new Decision(full.reasons(), null);
    }

    private KeyState key(CallContext caller) {
        KeyState key = directory.find(caller.keyId());
        if (key == null) {
            throw new SesameException(ErrorKind.UNAUTHENTICATED, "invalid_token", "the key behind this token no longer exists");
        }
        return key;
    }
}
