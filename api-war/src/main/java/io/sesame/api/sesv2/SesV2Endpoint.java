package io.sesame.api.sesv2;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.api.platform.BodyRefused;
import io.sesame.api.problem.RequestIds;
import io.sesame.audit.boundary.CallAudit;
import io.sesame.audit.boundary.UnattributedRefusals;
import io.sesame.audit.control.CallContext;
import io.sesame.mail.control.InvalidMessageException;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ReasonCode;
import io.sesame.sigv4.boundary.SigV4Authenticator;
import io.sesame.sigv4.control.SigV4Failure;
import io.sesame.sigv4.control.SigV4Verifier;
import jakarta.ejb.EJB;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A drop-in Amazon SES v2 endpoint (REST-JSON): point an unmodified AWS SDK at {@code http(s)://<sesame>/api/ses} with
 * the key id as access key id and the key's SigV4 secret. Requests are authenticated by AWS Signature Version 4, then
 * go through the same policy engine, audit and transport as {@code /api/v1} — one code path, two front doors.
 * Errors use SES's shape ({@code x-amzn-ErrorType} + {@code {"message"}}), so the SDK throws its modeled exceptions.
 *
 * <p>Each operation is one {@link SesOperation} (package {@code operation}), found by its SES v2 route. The key must hold
 * the operation's catalogue permission (checked here, audited when refused, and again by the service behind it); the
 * operation then applies the key's scope. Anything else answers {@code UnknownOperationException}.
 */
@WebServlet("/ses/*")
public class SesV2Endpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ClientAddresses clientAddresses;

    @EJB
    SigV4Authenticator authenticator;

    @Inject
    CallAudit audit;

    @Inject
    UnattributedRefusals unattributed;

    @Inject
    @Any
    Instance<SesOperation> operationBeans;

    private transient volatile SesOperationTable operations;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = rawPath(request);
        String method = request.getMethod();
        CallContext caller = null;
        String operation = null;
        try {
            SesOperationTable.Match match = operations().find(method, path).orElseThrow(() -> new SesError(404,
                    "UnknownOperationException", method + " " + path + " is not an SES v2 operation Sesame serves ("
                    + String.join(", ", operations().names()) + ")"));
            operation = match.operation().permission().sesOperation().orElseThrow();
            List<Map.Entry<String, String>> headers = headers(request);
            authenticator.precheck(headers); // an unknown key is refused before its body is read
            byte[] body = readBody(request);
            SigV4Verifier.Request signed = new SigV4Verifier.Request(method, request.getRequestURI(), request.getQueryString(), headers, body);
            caller = authenticator.authenticate(signed, clientAddresses.of(request), request.getHeader("User-Agent"), RequestIds.of(request),
                    "ses-endpoint:" + operation);
            Permission needed = match.operation().permission();
            if (!caller.granted().contains(needed)) {
                // the door's own check, as the bearer filter does on /api/v1; SesOperations checks again behind it
                audit.refused(caller, needed.action(), ReasonCode.PERMISSION_MISSING, "the key does not hold " + needed.action());
                throw new SesError(403, "AccessDeniedException", ReasonCode.PERMISSION_MISSING.code() + ": the key does not hold "
                        + needed.action()).audited();
            }
            JsonObject result = match.operation().handle(new SesCall(caller, match.pathParameters(), body));
            write(response, 200, null, result);
        } catch (SesError e) {
            auditMalformed(caller, operation, e);
            write(response, e.status, e.code, Json.createObjectBuilder().add("message", e.getMessage()).build());
        } catch (SigV4Failure e) {
            auditSignatureFailure(request, operation, e);
            write(response, SesErrors.signatureStatus(e.kind()), e.code(), Json.createObjectBuilder().add("message", e.getMessage()).build());
        } catch (RuntimeException e) {
            SesError error = SesErrors.translate(e);
            if (SesErrors.unwrap(e) instanceof InvalidMessageException) {
                auditMalformed(caller, operation, error);
            }
            write(response, error.status, error.code, Json.createObjectBuilder().add("message", error.getMessage()).build());
        }
    }

    /**
     * The path below {@code /api/ses} exactly as sent (still percent-encoded), so that each path label is decoded once,
     * by its route, and the SigV4 canonical path and the route see the same bytes.
     */
    static String rawPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String prefix = request.getContextPath() + request.getServletPath();
        return uri != null && uri.startsWith(prefix) && uri.length() > prefix.length() ? uri.substring(prefix.length()) : "/";
    }

    private SesOperationTable operations() {
        SesOperationTable table = operations;
        if (table == null) {
            table = new SesOperationTable(operationBeans);
            operations = table;
        }
        return table;
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
            unattributed.record("sigv4", e.code(), clientAddresses.of(request), request.getMethod() + " " + request.getRequestURI()
                    + ": " + e.getMessage());
            return;
        }
        audit.refused(CallContext.ofKey(e.keyId(), e.applicationId(), null, clientAddresses.of(request), request.getHeader("User-Agent"),
                        RequestIds.of(request)), "ses:" + (operation == null ? "Unknown" : operation),
                ReasonCode.ofCode(e.reason()).orElse(ReasonCode.SIGNATURE_INVALID), e.code() + ": " + e.getMessage());
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

    private static void write(HttpServletResponse response, int status, String errorType, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        if (errorType != null) {
            response.setHeader("x-amzn-ErrorType", errorType);
        }
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
