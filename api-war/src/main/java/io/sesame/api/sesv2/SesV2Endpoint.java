package io.sesame.api.sesv2;

import io.sesame.api.platform.BodyRefused;
import io.sesame.api.problem.RequestIds;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.boundary.UnattributedRefusals;
import io.sesame.audit.control.CallContext;
import io.sesame.mail.boundary.SendService;
import io.sesame.mail.control.InvalidMessageException;
import io.sesame.mail.control.MessageReader;
import io.sesame.mail.control.SesV2Json;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.PolicyViolation;
import io.sesame.policy.control.Reason;
import io.sesame.policy.control.ReasonCode;
import io.sesame.ses.boundary.SesOperations;
import io.sesame.ses.control.EmailTemplate;
import io.sesame.ses.control.SesFailure;
import io.sesame.sigv4.boundary.SigV4Authenticator;
import io.sesame.sigv4.control.SigV4Failure;
import io.sesame.sigv4.control.SigV4Verifier;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A drop-in Amazon SES v2 endpoint (REST-JSON): point an unmodified AWS SDK at {@code http(s)://<sesame>/api/ses} with
 * the key id as access key id and the key's SigV4 secret. Requests are authenticated by AWS Signature Version 4, then
 * go through the same policy engine, audit and transport as {@code /api/v1} — one code path, two front doors.
 * Errors use SES's shape ({@code x-amzn-ErrorType} + {@code {"message"}}), so the SDK throws its modeled exceptions.
 *
 * <p>Operations: SendEmail, SendBulkEmail, GetAccount, Create/Get/List/Update/Delete EmailTemplate,
 * TestRenderEmailTemplate. Anything else answers {@code UnknownOperationException}.
 */
@WebServlet("/ses/*")
public class SesV2Endpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SesV2Endpoint.class.getName());
    private static final Pattern TEMPLATE = Pattern.compile("/v2/email/templates/([^/]+)(/render)?");

    @EJB
    SigV4Authenticator authenticator;

    @EJB
    SendService sender;

    @EJB
    SesOperations operations;

    @EJB
    CallAudit audit;

    @Inject
    UnattributedRefusals unattributed;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        CallContext caller = null;
        String operation = null;
        try {
            operation = operation(method, path);
            List<Map.Entry<String, String>> headers = headers(request);
            authenticator.precheck(headers); // an unknown key is refused before its body is read
            byte[] body = readBody(request);
            caller = authenticator.authenticate(new SigV4Verifier.Request(method, request.getRequestURI(), request.getQueryString(),
                    headers, body), request.getRemoteAddr(), request.getHeader("User-Agent"), RequestIds.of(request),
                    "ses-endpoint:" + operation);
            JsonObject result = switch (operation) {
                case "SendEmail" -> sendEmail(caller, json(body));
                case "SendBulkEmail" -> sendBulkEmail(caller, json(body));
                case "GetAccount" -> getAccount(caller);
                case "ListEmailTemplates" -> listTemplates(caller);
                case "CreateEmailTemplate" -> createTemplate(caller, json(body));
                case "GetEmailTemplate" -> getTemplate(caller, templateName(path));
                case "UpdateEmailTemplate" -> updateTemplate(caller, templateName(path), json(body));
                case "DeleteEmailTemplate" -> deleteTemplate(caller, templateName(path));
                default -> renderTemplate(caller, templateName(path), json(body));
            };
            write(response, 200, null, result);
        } catch (SesError e) {
            auditMalformed(caller, operation, e);
            write(response, e.status, e.code, Json.createObjectBuilder().add("message", e.getMessage()).build());
        } catch (SigV4Failure e) {
            auditSignatureFailure(request, operation, e);
            write(response, e.status(), e.code(), Json.createObjectBuilder().add("message", e.getMessage()).build());
        } catch (RuntimeException e) {
            SesError error = translate(e);
            if (unwrap(e) instanceof InvalidMessageException) {
                auditMalformed(caller, operation, error);
            }
            write(response, error.status, error.code, Json.createObjectBuilder().add("message", error.getMessage()).build());
        }
    }

    /** A malformed request from an authenticated key is a call event (reason invalid_message), as on /api/v1. */
    private void auditMalformed(CallContext caller, String operation, SesError error) {
        if (caller != null && error.status == 400 && !error.audited) {
            audit.refused(caller, "ses:" + operation, ReasonCode.INVALID_MESSAGE, error.getMessage());
        }
    }

    /** A refused signature or key is a call event when the request named an existing key, else a counted, throttled log line. */
    private void auditSignatureFailure(HttpServletRequest request, String operation, SigV4Failure e) {
        if (e.keyId() == null) {
            unattributed.record("sigv4", e.code(), request.getRemoteAddr(), request.getMethod() + " " + request.getRequestURI()
                    + ": " + e.getMessage());
            return;
        }
        audit.refused(CallContext.ofKey(e.keyId(), e.applicationId(), null, request.getRemoteAddr(), request.getHeader("User-Agent"),
                        RequestIds.of(request)), "ses:" + (operation == null ? "Unknown" : operation),
                ReasonCode.ofCode(e.reason()).orElse(ReasonCode.SIGNATURE_INVALID), e.code() + ": " + e.getMessage());
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String operation(String method, String path) {
        switch (method + " " + path) {
            case "POST /v2/email/outbound-emails":
                return "SendEmail";
            case "POST /v2/email/outbound-bulk-emails":
                return "SendBulkEmail";
            case "GET /v2/email/account":
                return "GetAccount";
            case "GET /v2/email/templates":
                return "ListEmailTemplates";
            case "POST /v2/email/templates":
                return "CreateEmailTemplate";
            default:
                break;
        }
        Matcher m = TEMPLATE.matcher(path);
        if (m.matches()) {
            if (m.group(2) != null && method.equals("POST")) {
                return "TestRenderEmailTemplate";
            }
            if (m.group(2) == null) {
                switch (method) {
                    case "GET": return "GetEmailTemplate";
                    case "PUT": return "UpdateEmailTemplate";
                    case "DELETE": return "DeleteEmailTemplate";
                    default: break;
                }
            }
        }
        throw new SesError(404, "UnknownOperationException", method + " " + path + " is not an SES v2 operation Sesame serves "
                + "(SendEmail, SendBulkEmail, GetAccount and the template operations)");
    }

    private JsonObject sendEmail(CallContext caller, JsonObject ses) {
        SendService.Outcome outcome = sender.send(caller, MessageReader.read(SesV2Json.sendEmail(ses)), null, null);
        if (outcome instanceof SendService.Sent sent) {
            return Json.createObjectBuilder().add("MessageId", sent.messageId()).build();
        }
        if (outcome instanceof SendService.Denied denied) {
            throw denial(denied.decision().primary(), denied.auditId());
        }
        if (outcome instanceof SendService.Failed failed) {
            throw fromSes(failed.failure());
        }
        throw new SesError(500, "InternalFailure", "unexpected outcome " + outcome);
    }

    private JsonObject sendBulkEmail(CallContext caller, JsonObject ses) {
        SendService.BulkOutcome outcome = sender.sendBulk(caller, MessageReader.readBulk(SesV2Json.sendBulkEmail(ses)), null, null);
        if (outcome.body() == null) {
            ReasonCode reason = ReasonCode.ofCode(outcome.code()).orElse(ReasonCode.INVALID_MESSAGE);
            throw denial(new Reason(reason, outcome.detail()), -1);
        }
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (JsonValue item : Json.createReader(new StringReader(outcome.body())).readObject().getJsonArray("results")) {
            JsonObject r = item.asJsonObject();
            JsonObjectBuilder entry = Json.createObjectBuilder().add("Status", r.getString("status"));
            if (r.containsKey("messageId")) {
                entry.add("MessageId", r.getString("messageId"));
            }
            if (r.containsKey("error")) {
                entry.add("Error", r.getString("error"));
            }
            results.add(entry);
        }
        return Json.createObjectBuilder().add("BulkEmailEntryResults", results).build();
    }

    private JsonObject getAccount(CallContext caller) {
        JsonObject account = operations.account(caller);
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("SendingEnabled", account.getBoolean("sendingEnabled"))
                .add("ProductionAccessEnabled", account.getBoolean("productionAccessEnabled"))
                .add("EnforcementStatus", account.getString("enforcementStatus"));
        JsonObject quota = account.getJsonObject("sendQuota");
        if (quota != null) {
            out.add("SendQuota", Json.createObjectBuilder().add("Max24HourSend", quota.getJsonNumber("max24HourSend").doubleValue())
                    .add("MaxSendRate", quota.getJsonNumber("maxSendRate").doubleValue())
                    .add("SentLast24Hours", quota.getJsonNumber("sentLast24Hours").doubleValue()));
        }
        return out.build();
    }

    private JsonObject listTemplates(CallContext caller) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        operations.listTemplates(caller).forEach(n -> items.add(Json.createObjectBuilder().add("TemplateName", n)));
        return Json.createObjectBuilder().add("TemplatesMetadata", items).build();
    }

    private JsonObject createTemplate(CallContext caller, JsonObject body) {
        operations.createTemplate(caller, template(string(body, "TemplateName"), body));
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private JsonObject updateTemplate(CallContext caller, String name, JsonObject body) {
        operations.updateTemplate(caller, template(name, body));
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private JsonObject getTemplate(CallContext caller, String name) {
        EmailTemplate t = operations.getTemplate(caller, name);
        return Json.createObjectBuilder().add("TemplateName", t.name()).add("TemplateContent", content(t)).build();
    }

    private JsonObject deleteTemplate(CallContext caller, String name) {
        operations.deleteTemplate(caller, name);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private JsonObject renderTemplate(CallContext caller, String name, JsonObject body) {
        JsonObject data;
        try {
            data = Json.createReader(new StringReader(string(body, "TemplateData"))).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new SesError(400, "BadRequestException", "TemplateData must be a JSON object");
        }
        EmailTemplate t = operations.renderTemplate(caller, name, data);
        return Json.createObjectBuilder().add("RenderedTemplate", renderedMime(t)).build();
    }

    private static final jakarta.mail.Session MIME = jakarta.mail.Session.getInstance(new java.util.Properties());

    /**
     * The rendered template as SES shows it: a MIME message built by Jakarta Mail (the subject as RFC 2047 encoded words
     * where needed, text and HTML as multipart/alternative), never by concatenation — a CR or LF that template data put
     * into the subject becomes a space instead of a header of its own.
     */
    static String renderedMime(EmailTemplate t) {
        try {
            jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(MIME);
            message.setSubject(t.subject().replaceAll("[\\r\\n\\x00]+", " "), "UTF-8");
            jakarta.mail.internet.MimeMultipart alternative = new jakarta.mail.internet.MimeMultipart("alternative");
            if (t.text() != null) {
                jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
                text.setText(t.text(), "UTF-8");
                alternative.addBodyPart(text);
            }
            if (t.html() != null) {
                jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
                html.setText(t.html(), "UTF-8", "html");
                alternative.addBodyPart(html);
            }
            message.setContent(alternative);
            message.saveChanges();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            message.writeTo(out, new String[] {"Message-ID"});
            return out.toString(StandardCharsets.UTF_8);
        } catch (jakarta.mail.MessagingException | IOException e) {
            throw new SesError(500, "InternalFailure", "the template could not be rendered as MIME");
        }
    }

    private static EmailTemplate template(String name, JsonObject body) {
        JsonObject content = body.getJsonObject("TemplateContent");
        if (content == null) {
            throw new SesError(400, "BadRequestException", "TemplateContent is required");
        }
        try {
            return EmailTemplate.validated(name, content.getString("Subject", null), content.getString("Text", null),
                    content.getString("Html", null));
        } catch (IllegalArgumentException e) {
            throw new SesError(400, "BadRequestException", e.getMessage());
        }
    }

    private static JsonObjectBuilder content(EmailTemplate t) {
        JsonObjectBuilder c = Json.createObjectBuilder().add("Subject", t.subject());
        if (t.text() != null) {
            c.add("Text", t.text());
        }
        if (t.html() != null) {
            c.add("Html", t.html());
        }
        return c;
    }

    /**
     * A policy denial in SES's terms: rate and quota are 429 TooManyRequestsException (the SDK retries those), a
     * malformed message 400 BadRequestException, everything else 403 AccessDeniedException; the message starts with
     * Sesame's reason code, as the JSON API's problem code.
     */
    static SesError denial(Reason reason, long auditId) {
        String detail = reason.code().code() + ": " + reason.detail() + (auditId > 0 ? " (Sesame audit " + auditId + ")" : "");
        SesError error = switch (reason.code()) {
            case RATE_LIMITED, DAILY_QUOTA_EXCEEDED, DAILY_RECIPIENT_QUOTA_EXCEEDED -> new SesError(429, "TooManyRequestsException", detail);
            case INVALID_MESSAGE, NO_RECIPIENTS, SCOPE_NOT_GRANTED -> new SesError(400, "BadRequestException", detail);
            default -> new SesError(403, "AccessDeniedException", detail);
        };
        error.audited = true;
        return error;
    }

    static SesError fromSes(SesFailure failure) {
        SesError error = new SesError(failure.kind().status() == 422 ? 400 : failure.kind().status(),
                failure.sesErrorCode() == null ? "InternalFailure" : failure.sesErrorCode(), failure.getMessage());
        error.audited = true; // SES's answer to a send its own call event already records
        return error;
    }

    static SesError translate(RuntimeException e) {
        Throwable t = e;
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SesError s) {
            return s;
        }
        if (t instanceof InvalidMessageException || t instanceof PolicyViolation) {
            return new SesError(400, "BadRequestException", t.getMessage());
        }
        if (t instanceof SesFailure f) {
            return fromSes(f);
        }
        if (t instanceof SesameException s) {
            java.util.Optional<ReasonCode> reason = ReasonCode.ofCode(s.code());
            if (reason.isPresent()) {
                return denial(new Reason(reason.get(), s.getMessage()), -1);
            }
            return switch (s.status()) {
                case 404 -> new SesError(404, "NotFoundException", s.getMessage());
                case 409 -> new SesError(400, "AlreadyExistsException", s.getMessage());
                case 403 -> new SesError(403, "AccessDeniedException", s.getMessage());
                case 503 -> new SesError(503, "ServiceUnavailable", s.getMessage());
                default -> new SesError(400, "BadRequestException", s.getMessage());
            };
        }
        LOG.log(java.util.logging.Level.SEVERE, "SES endpoint: unexpected error", t);
        return new SesError(500, "InternalFailure", "Internal error; the Sesame log has the details");
    }

    /** The body, bounded by {@link io.sesame.api.platform.BodyLimitFilter} (413/503 when cut off). */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return in.readAllBytes();
        } catch (BodyRefused refused) {
            throw new SesError(refused.status(), refused.status() == 413 ? "RequestEntityTooLargeException" : "ServiceUnavailable",
                    refused.getMessage());
        }
    }

    private static List<Map.Entry<String, String>> headers(HttpServletRequest request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(new AbstractMap.SimpleEntry<>(name, value));
            }
        }
        return headers;
    }

    private static JsonObject json(byte[] body) {
        try {
            return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new SesError(400, "SerializationException", "the body is not a JSON object");
        }
    }

    private static String string(JsonObject body, String field) {
        JsonValue v = body.get(field);
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
            throw new SesError(400, "BadRequestException", field + " is required");
        }
        return body.getString(field);
    }

    private static String templateName(String path) {
        Matcher m = TEMPLATE.matcher(path);
        m.matches();
        return java.net.URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void write(HttpServletResponse response, int status, String errorType, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        if (errorType != null) {
            response.setHeader("x-amzn-ErrorType", errorType);
        }
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An error in SES's terms. */
    static final class SesError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        /** A policy denial: its call event was written by the send itself. */
        boolean audited;

        SesError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
