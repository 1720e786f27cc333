package io.sesame.admin.security;

import io.sesame.platform.boundary.ClientAddresses;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every portal response: a strict Content Security Policy (scripts and styles only from the
 * portal itself — no inline script, so injected markup cannot run), no framing, no MIME sniffing, no referrer
 * leaks, no caching of pages that may show a one-time secret, and HSTS over HTTPS; first of all, when configured, the
 * redirect of plain HTTP to HTTPS.
 */
@WebFilter(urlPatterns = "/*")
public class SecurityHeadersFilter extends HttpFilter {

    /** A year, the usual HSTS lifetime; sent only over HTTPS (RFC 6797 8.1: over HTTP it is ignored anyway). */
    static final String HSTS = "max-age=31536000";

    @Inject
    ClientAddresses clientAddresses;

    /** Plain HTTP to HTTPS, when sesame.http.https-redirect-port is set. */
    @Inject
    io.sesame.platform.boundary.HttpsRedirects redirects;

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        java.util.Optional<String> https = redirects.location(request);
        if (https.isPresent()) {
            response.setStatus(308);
            response.setHeader("Location", https.get());
            return;
        }
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (clientAddresses.isHttps(request)) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (!request.getRequestURI().contains("/jakarta.faces.resource/") && !request.getRequestURI().contains("/webjars/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
