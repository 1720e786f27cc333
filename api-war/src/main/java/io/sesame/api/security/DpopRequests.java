package io.sesame.api.security;

import io.sesame.dpop.boundary.DpopVerifier;
import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.policy.control.ReasonCode;
import io.sesame.token.control.DpopBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Collections;
import java.util.List;

/**
 * The API's side of DPoP (RFC 9449): the one {@code DPoP} header of a request, and the URL the client addressed (the
 * configured public base URL, else the request's scheme — HTTPS as a trusted proxy reports it — and Host header, with
 * the path as received).
 */
@ApplicationScoped
public class DpopRequests {

    public static final String HEADER = "DPoP";

    @Inject
    DpopVerifier verifier;

    @Inject
    ClientAddresses clientAddresses;

    /** At the token endpoint: no header, a valid proof (its key's thumbprint), or why not. */
    public DpopBinding forTokenRequest(HttpServletRequest request) {
        List<String> proofs = Collections.list(request.getHeaders(HEADER));
        if (proofs.isEmpty()) {
            return DpopBinding.none();
        }
        if (proofs.size() > 1) {
            return DpopBinding.refused("exactly one DPoP header is allowed", ReasonCode.DPOP_PROOF_INVALID);
        }
        DpopVerifier.Outcome outcome = verifier.verify(proofs.get(0), request.getMethod(), requestUrl(request), null);
        return outcome.valid() ? DpopBinding.bound(outcome.jkt()) : DpopBinding.refused(outcome.refusal(), outcome.reason());
    }

    /** At a resource, for a DPoP-bound token: the proof's outcome (its key must then be the one the token is bound to). */
    public DpopVerifier.Outcome forResource(HttpServletRequest request, String accessToken) {
        List<String> proofs = Collections.list(request.getHeaders(HEADER));
        if (proofs.size() != 1) {
            return new DpopVerifier.Outcome(null, proofs.isEmpty() ? "a DPoP-bound token needs a DPoP proof (the DPoP header)"
                    : "exactly one DPoP header is allowed", ReasonCode.DPOP_PROOF_INVALID);
        }
        return verifier.verify(proofs.get(0), request.getMethod(), requestUrl(request), accessToken);
    }

    URI requestUrl(HttpServletRequest request) {
        String path = request.getRequestURI();
        URI base = verifier.settings().publicBaseUrl().orElse(null);
        if (base != null) {
            return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
        }
        String host = request.getHeader("Host");
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '/' || c == '@')) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        try {
            return URI.create((clientAddresses.isHttps(request) ? "https" : "http") + "://" + host + path);
        } catch (IllegalArgumentException e) {
            return URI.create((clientAddresses.isHttps(request) ? "https" : "http") + "://" + request.getServerName() + ":"
                    + request.getServerPort() + "/");
        }
    }
}
