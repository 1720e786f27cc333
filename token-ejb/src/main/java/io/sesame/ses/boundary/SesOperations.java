package io.sesame.ses.boundary;

import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.control.CallContext;
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
import io.sesame.ses.control.SesAccountQueries;
import io.sesame.ses.control.SesFailure;
import io.sesame.ses.control.TemplateRenderer;
import io.sesame.token.boundary.KeyDirectory;
import io.sesame.token.control.KeyState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.model.EmailTemplateContent;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.GetEmailTemplateResponse;

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

    @EJB
    SesGateway gateway;

    @EJB
    CallAudit audit;

    @EJB
    KeyDirectory directory;

    @EJB
    DailyQuota quota;

    @EJB
    SandboxTemplates sandboxTemplates;

    /** Sending status and quota: SES's account (or the sandbox's), plus this key's own limits and usage today. */
    public JsonObject account(CallContext caller) {
        KeyState key = key(caller);
        JsonObjectBuilder out = Json.createObjectBuilder().add("transport", gateway.transportName());
        audited(caller, Permission.GET_ACCOUNT, (String) null, () -> {
            if (gateway.isSandbox()) {
                out.add("sendingEnabled", true).add("productionAccessEnabled", false)
                        .add("enforcementStatus", "HEALTHY");
            } else {
                GetAccountResponse account = gateway.client().getAccount(b -> { });
                out.add("sendingEnabled", Boolean.TRUE.equals(account.sendingEnabled()))
                        .add("productionAccessEnabled", Boolean.TRUE.equals(account.productionAccessEnabled()))
                        .add("enforcementStatus", String.valueOf(account.enforcementStatus()));
                if (account.sendQuota() != null) {
                    out.add("sendQuota", Json.createObjectBuilder()
                            .add("max24HourSend", account.sendQuota().max24HourSend())
                            .add("maxSendRate", account.sendQuota().maxSendRate())
                            .add("sentLast24Hours", account.sendQuota().sentLast24Hours()));
                }
            }
            return null;
        });
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
        List<String> names = audited(caller, Permission.LIST_EMAIL_TEMPLATES, (String) null, () -> gateway.isSandbox()
                ? sandboxTemplates.names()
                : gateway.client().listEmailTemplatesPaginator(b -> b.pageSize(100)).stream()
                        .flatMap(page -> page.templatesMetadata().stream())
                        .map(t -> t.templateName()).toList());
        return scope.templates() == null ? names : names.stream().filter(scope.templates()::contains).toList();
    }

    public EmailTemplate getTemplate(CallContext caller, String name) {
        return audited(caller, Permission.GET_EMAIL_TEMPLATE, name, () -> {
            if (gateway.isSandbox()) {
                return sandboxTemplates.get(name).orElseThrow(() -> notFound(name));
            }
            GetEmailTemplateResponse t = gateway.client().getEmailTemplate(b -> b.templateName(name));
            return new EmailTemplate(t.templateName(), t.templateContent().subject(), t.templateContent().text(),
                    t.templateContent().html());
        });
    }

    public void createTemplate(CallContext caller, EmailTemplate template) {
        audited(caller, Permission.CREATE_EMAIL_TEMPLATE, template.name(), () -> {
            if (gateway.isSandbox()) {
                if (!sandboxTemplates.create(template)) {
                    throw new SesFailure(SesFailure.Kind.BAD_REQUEST, "AlreadyExists", "Template " + template.name() + " already exists");
                }
            } else {
                gateway.client().createEmailTemplate(b -> b.templateName(template.name()).templateContent(content(template)));
            }
            return null;
        });
    }

    public void updateTemplate(CallContext caller, EmailTemplate template) {
        audited(caller, Permission.UPDATE_EMAIL_TEMPLATE, template.name(), () -> {
            if (gateway.isSandbox()) {
                if (!sandboxTemplates.update(template)) {
                    throw notFound(template.name());
                }
            } else {
                gateway.client().updateEmailTemplate(b -> b.templateName(template.name()).templateContent(content(template)));
            }
            return null;
        });
    }

    public void deleteTemplate(CallContext caller, String name) {
        audited(caller, Permission.DELETE_EMAIL_TEMPLATE, name, () -> {
            if (gateway.isSandbox()) {
                if (!sandboxTemplates.delete(name)) {
                    throw notFound(name);
                }
            } else {
                gateway.client().deleteEmailTemplate(b -> b.templateName(name));
            }
            return null;
        });
    }

    public EmailTemplate renderTemplate(CallContext caller, String name, JsonObject data) {
        return audited(caller, Permission.TEST_RENDER_EMAIL_TEMPLATE, name, () -> {
            if (gateway.isSandbox()) {
                EmailTemplate template = sandboxTemplates.get(name).orElseThrow(() -> notFound(name));
                try {
                    return TemplateRenderer.render(template, data);
                } catch (IllegalArgumentException e) {
                    throw new SesFailure(SesFailure.Kind.BAD_REQUEST, "BadRequest", e.getMessage());
                }
            }
            String mime = gateway.client().testRenderEmailTemplate(b -> b.templateName(name).templateData(data.toString()))
                    .renderedTemplate();
            return fromMime(name, mime);
        });
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
        long auditId;
        try {
            auditId = audit.begin(caller, action.action(), null, decision, gateway.transportName());
        } catch (RuntimeException e) {
            throw SesameException.unavailable("the audit trail cannot be written, so nothing is done; try again later");
        }
        if (!decision.allowed()) {
            Reason reason = decision.primary();
            throw new SesameException(reason.code().status(), reason.code().code(), reason.detail() + " (audit " + auditId + ")");
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
        List<JsonObject> identities = audited(caller, Permission.LIST_EMAIL_IDENTITIES, (String) null, () -> queries().listIdentities());
        return scope.fromAddresses() == null ? identities
                : identities.stream().filter(i -> ScopedListings.showsIdentity(scope, i.getString("identity", null))).toList();
    }

    public JsonObject getIdentity(CallContext caller, String identity) {
        return audited(caller, Permission.GET_EMAIL_IDENTITY, (String) null, () -> queries().getIdentity(identity));
    }

    public List<String> listConfigurationSets(CallContext caller) {
        return audited(caller, Permission.LIST_CONFIGURATION_SETS, (String) null, () -> queries().listConfigurationSets());
    }

    /**
     * The suppressed addresses within the key's recipient domains ({@link ScopedListings#showsSuppressed}, the rule
     * get/put/delete apply to one address). Filtered after SES answered, with the same note on paging as
     * {@link #listIdentities}.
     */
    public List<JsonObject> listSuppressed(CallContext caller) {
        ResourceScope scope = key(caller).policy().scope();
        List<JsonObject> suppressed = audited(caller, Permission.LIST_SUPPRESSED_DESTINATIONS, (String) null, () -> queries().listSuppressed());
        return scope.recipientDomainsAllow() == null && scope.recipientDomainsDeny() == null ? suppressed
                : suppressed.stream().filter(d -> ScopedListings.showsSuppressed(scope, d.getString("emailAddress", null))).toList();
    }

    public JsonObject getSuppressed(CallContext caller, String email) {
        return audited(caller, Permission.GET_SUPPRESSED_DESTINATION, recipientDecision(caller, email),
                () -> queries().getSuppressed(email));
    }

    public void putSuppressed(CallContext caller, String email, String reason) {
        audited(caller, Permission.PUT_SUPPRESSED_DESTINATION, recipientDecision(caller, email), () -> {
            try {
                queries().putSuppressed(email, reason);
            } catch (IllegalArgumentException e) {
                throw new SesameException(400, "invalid_request", e.getMessage());
            }
            return null;
        });
    }

    public void deleteSuppressed(CallContext caller, String email) {
        audited(caller, Permission.DELETE_SUPPRESSED_DESTINATION, recipientDecision(caller, email), () -> {
            queries().deleteSuppressed(email);
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

    /** Identities, configuration sets and the suppression list live in SES: the sandbox has none. */
    private SesAccountQueries queries() {
        if (gateway.isSandbox()) {
            throw new SesameException(501, "not_in_sandbox",
                    "this operation needs real SES (sesame.ses.transport=aws); the sandbox transport has no identities, "
                            + "configuration sets or suppression list");
        }
        return new SesAccountQueries(gateway.client());
    }

    private KeyState key(CallContext caller) {
        KeyState key = directory.find(caller.keyId());
        if (key == null) {
            throw new SesameException(401, "invalid_token", "the key behind this token no longer exists");
        }
        return key;
    }

    private static SesFailure notFound(String name) {
        return new SesFailure(SesFailure.Kind.NOT_FOUND, "NotFound", "Template " + name + " does not exist");
    }

    private static EmailTemplateContent content(EmailTemplate t) {
        return EmailTemplateContent.builder().subject(t.subject()).text(t.text()).html(t.html()).build();
    }

    /** SES renders a template into a whole MIME message; the API answers subject, text and HTML. */
    static EmailTemplate fromMime(String name, String mime) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
            String[] parts = new String[2];
            collect(message.getContent(), message.getContentType(), parts);
            return new EmailTemplate(name, message.getSubject(), parts[0], parts[1]);
        } catch (MessagingException | IOException e) {
            throw new SesFailure(SesFailure.Kind.UNAVAILABLE, "RenderUnreadable", "cannot read SES's rendering: " + e.getMessage());
        }
    }

    private static void collect(Object content, String type, String[] parts) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else if (content instanceof String text) {
            if (type != null && type.toLowerCase().startsWith("text/html")) {
                parts[1] = text;
            } else {
                parts[0] = text;
            }
        }
    }

}
