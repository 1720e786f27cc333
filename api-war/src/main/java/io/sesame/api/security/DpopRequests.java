package io.sesame.api.security;

import io.sesame.dpop.boundary.DpopVerifier;
import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.policy.control.ReasonCode;
import io.sesame.token.control.DpopBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The API's side of DPoP (RFC 9449): the one {@code DPoP} header of a request, and the URL the client addressed —
 * {@code sesame.dpop.public-base-url} when set (recommended in production), else the request's scheme (HTTPS as a
 * trusted proxy reports it) and its Host header, which must then be a plain host[:port].
 */
@ApplicationScoped
public class DpopRequests {

    public static final String HEADER = "DPoP";
    /** A DNS name or IPv4 address, or a bracketed IPv6 address, and an optional port: nothing that could move the path. */
    static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");

    @Inject
    DpopVerifier verifier;

    @Inject
    ClientAddresses clientAddresses;

    /**
     * At the token endpoint: no header, a valid proof (its key's thumbprint and id; the id is remembered once the client
     * has authenticated), or why not.
     */
    public DpopBinding forTokenRequest(HttpServletRequest request) {
        List<String> proofs = Collections.list(request.getHeaders(HEADER));
        if (proofs.isEmpty()) {
            return DpopBinding.none();
        }
        if (proofs.size() > 1) {
            return DpopBinding.refused("exactly one DPoP header is allowed", ReasonCode.DPOP_PROOF_INVALID, false);
        }
        URI url = requestUrl(request);
        if (url == null) {
            return DpopBinding.refused("the request's Host header cannot be a DPoP target", ReasonCode.DPOP_PROOF_INVALID, false);
        }
        DpopVerifier.Outcome outcome = verifier.check(proofs.get(0), request.getMethod(), url, null);
        return outcome.valid() ? DpopBinding.bound(outcome.jkt(), outcome.jti())
                : DpopBinding.refused(outcome.refusal(), outcome.reason(), outcome.unavailable());
    }

    /** At a resource, for a DPoP-bound token: the proof's outcome (its key must then be the one the token is bound to). */
    public DpopVerifier.Outcome forResource(HttpServletRequest request, String accessToken) {
        List<String> proofs = Collections.list(request.getHeaders(HEADER));
        if (proofs.size() != 1) {
            return new DpopVerifier.Outcome(null, null, proofs.isEmpty() ? "a DPoP-bound token needs a DPoP proof (the DPoP header)"
                    : "exactly one DPoP header is allowed", ReasonCode.DPOP_PROOF_INVALID, false);
        }
        URI url = requestUrl(request);
        if (url == null) {
            return new DpopVerifier.Outcome(null, null, "the request's Host header cannot be a DPoP target", ReasonCode.DPOP_PROOF_INVALID,
                    false);
        }
        return verifier.verify(proofs.get(0), request.getMethod(), url, accessToken);
    }

    URI requestUrl(HttpServletRequest request) {
        return requestUrl(clientAddresses.isHttps(request) ? "https" : "http", request.getHeader("Host"), request.getRequestURI(),
                verifier.settings().publicBaseUrl().orElse(null));
    }

    /** The URL a proof must name, or null when it cannot be told (a Host header that is not a plain host[:port]). */
    static URI requestUrl(String scheme, String hostHeader, String rawPath, URI publicBase) {
        String authority;
        if (publicBase != null) {
            scheme = publicBase.getScheme();
            authority = publicBase.getRawAuthority();
        } else {
            if (hostHeader == null || !HOST.matcher(hostHeader).matches()) {
                return null;
            }
            authority = hostHeader;
        }
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        try {
            // authority and path parsed apart: nothing in the Host header can become the path, a query or a fragment
            URI parsed = new URI(scheme + "://" + authority);
            if (parsed.getHost() == null || parsed.getRawPath() != null && !parsed.getRawPath().isEmpty()) {
                return null;
            }
            return new URI(scheme + "://" + authority + rawPath);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
