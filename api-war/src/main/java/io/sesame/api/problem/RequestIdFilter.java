package io.sesame.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Gives every request an id, echoed in {@code X-Request-Id} and carried into problems and the audit. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

    @jakarta.inject.Inject
    io.sesame.platform.boundary.ClientAddresses clientAddresses;

    /** Plain HTTP to HTTPS, when sesame.http.https-redirect-port is set. */
    @jakarta.inject.Inject
    io.sesame.platform.boundary.HttpsRedirects redirects;

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestIds.assign(request, response);
        java.util.Optional<String> https = redirects.location(request);
        if (https.isPresent()) {
            response.setStatus(308);
            response.setHeader("Location", https.get());
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        if (clientAddresses.isHttps(request)) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        chain.doFilter(request, response);
    }
}
