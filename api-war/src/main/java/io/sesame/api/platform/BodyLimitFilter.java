package io.sesame.api.platform;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.api.problem.Problem;
import io.sesame.api.problem.RequestIds;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Bounds every request body before anything reads it: a declared Content-Length over the endpoint's limit is refused
 * at once (413), before authentication and without reading a byte; a body without one (chunked) is cut off as it
 * streams past the limit; and all bodies in progress together hold at most {@code sesame.limits.in-flight-body-bytes}
 * (503 beyond). See {@link BodyLimits} for the limits, the README's security section for the figures.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class BodyLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BodyLimitFilter.class.getName());
    /** The request's {@link LimitedInputStream}, once something asked for the body. */
    static final String STREAM = "io.sesame.api.bodyStream";

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    Instance<MetricRegistry> metrics;

    private transient BodyLimits limits;
    private transient BodyBudget budget;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        var settings = ConfigProvider.getConfig();
        long messageBytes = settings.getOptionalValue("sesame.limits.message-bytes", Long.class).orElse(10L * 1024 * 1024);
        long inFlight = settings.getOptionalValue("sesame.limits.in-flight-body-bytes", Long.class).orElse(64L * 1024 * 1024);
        limits = BodyLimits.forMessagesOf(messageBytes, inFlight);
        // One client address may hold half the budget, and always at least one body of the largest kind.
        long perClient = settings.getOptionalValue("sesame.limits.in-flight-body-bytes-per-client", Long.class)
                .orElse(Math.max(inFlight / 2, limits.sends() + LimitedInputStream.STEP));
        budget = new BodyBudget(inFlight, perClient);
        if (metrics.isResolvable()) {
            metrics.get().gauge("sesame_request_body_bytes_held", budget, BodyBudget::held);
            metrics.get().gauge("sesame_request_body_clients", budget, BodyBudget::clients);
        }
        LOG.info(() -> "Request body limits: " + limits);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestIds.assign(request, response);
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        long limit = limits.forPath(path);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, path, BodyRefused.tooLarge(limit));
            return;
        }
        String client = clientAddresses.of(request);
        if (declared > 0 && !budget.tryTake(client, declared)) {
            refuse(request, response, path, BodyRefused.busy());
            return;
        }
        Limited limited = new Limited(request, limit, client, declared);
        try {
            if (limit <= BUFFERED && (declared > 0 || declared < 0 && !BODYLESS.contains(request.getMethod()))) {
                // Small bodies (token endpoints, SNS, administration) are read here, whole: a refusal is then this
                // filter's answer, not whatever a framework makes of an I/O error halfway through a form or JSON.
                // (Also without a Content-Length: chunked HTTP/1.1 or HTTP/2 data frames.)
                try {
                    limited.buffer();
                } catch (BodyRefused refused) {
                    writeRefusal(request, response, path, refused);
                    return;
                }
            }
            chain.doFilter(limited, response);
        } catch (IOException | ServletException | RuntimeException e) {
            // a reader that gave up on a cut-off body (Jersey's form parameters throw past the exception mappers)
            if (limited.refusal() == null) {
                throw e;
            }
            writeRefusal(request, response, path, limited.refusal());
        } finally {
            // whatever happened (a refusal, a client that hung up, a read timeout), the bytes go back
            budget.giveBack(client, limited.paid());
            if (limited.refusal() != null) {
                count(limited.refusal());
            }
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path, BodyRefused refusal)
            throws IOException {
        count(refusal);
        writeRefusal(request, response, path, refusal);
    }

    /** Writes the refusal in the endpoint's own error shape: SES's for the SES endpoint, problem+json elsewhere. */
    static void writeRefusal(HttpServletRequest request, HttpServletResponse response, String path, BodyRefused refusal)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(refusal.status());
        response.setHeader("Connection", "close"); // the unread rest of the body is not worth draining
        if (refusal.status() == 503) {
            response.setHeader("Retry-After", "1");
        }
        String body;
        if (path.startsWith("/ses/")) {
            response.setContentType("application/json");
            response.setHeader("x-amzn-ErrorType", refusal.status() == 413 ? "RequestEntityTooLargeException" : "ServiceUnavailable");
            body = Json.createObjectBuilder().add("message", refusal.getMessage()).build().toString();
        } else {
            response.setContentType(Problem.MEDIA_TYPE);
            body = Problem.ofCode(refusal.status(), refusal.code(), refusal.title(), refusal.getMessage(), RequestIds.of(request)).toJson();
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private void count(BodyRefused refusal) {
        if (metrics.isResolvable()) {
            metrics.get().counter("sesame_requests_refused", new Tag("reason", refusal.code())).inc();
        }
    }

    /** Bodies of endpoints whose limit is at most this are read by the filter before the request goes on. */
    static final long BUFFERED = 1024 * 1024;
    /** Methods whose requests carry no body unless they declare one: not read by the filter (most API calls are GETs). */
    private static final java.util.Set<String> BODYLESS = java.util.Set.of("GET", "HEAD", "DELETE", "OPTIONS");

    /** The request with its body behind a {@link LimitedInputStream}, created when first asked for. */
    private final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private final String client;
        private final long declared;
        private final long prepaid;
        private LimitedInputStream stream;
        private BufferedReader reader;
        private ServletInputStream buffered;

        /** Reads the whole body now (within the limit and the budget); later reads are served from memory. */
        void buffer() throws IOException {
            byte[] body = limitedStream().readAllBytes();
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            buffered = new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new IllegalStateException("the body was read by the body-limit filter; read it blocking");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        private LimitedInputStream limitedStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit, budget, client, declared);
                setAttribute(STREAM, stream);
            }
            return stream;
        }

        /** @param declared the Content-Length, or -1 when the body does not declare one */
        Limited(HttpServletRequest request, long limit, String client, long declared) {
            super(request);
            this.limit = limit;
            this.client = client;
            this.declared = declared;
            this.prepaid = Math.max(0, declared);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            return buffered != null ? buffered : limitedStream();
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        long paid() {
            return stream == null ? prepaid : stream.paid();
        }

        BodyRefused refusal() {
            return stream == null ? null : stream.refusal();
        }
    }

    /** The refusal of this request's body, if its reading was cut off (for the exception mappers). */
    public static BodyRefused refusalOf(HttpServletRequest request) {
        Object stream = request.getAttribute(STREAM);
        return stream instanceof LimitedInputStream s ? s.refusal() : null;
    }
}
