package io.sesame.platform.boundary;

import io.sesame.platform.control.HttpsRedirect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code sesame.http.https-redirect-port} (0, the default: off): plain-HTTP requests of remote clients are redirected
 * there with 308, in both wars' first filter. Whether a request came over HTTPS is {@link ClientAddresses#isHttps}'s
 * answer, so behind a TLS-terminating proxy that is trusted nothing loops. An unreadable value turns it off (logged).
 */
@ApplicationScoped
public class HttpsRedirects {

    private static final Logger LOG = Logger.getLogger(HttpsRedirects.class.getName());

    @Inject
    @ConfigProperty(name = "sesame.http.https-redirect-port", defaultValue = "0")
    String port;

    @Inject
    ClientAddresses clientAddresses;

    private volatile HttpsRedirect redirect;

    public Optional<String> location(HttpServletRequest request) {
        HttpsRedirect r = redirect();
        if (!r.enabled() || clientAddresses.isHttps(request)) { // on every request: the client address only when needed
            return Optional.empty();
        }
        String query = request.getQueryString();
        return r.location(false, clientAddresses.of(request), request.getServerName(),
                request.getRequestURI() + (query == null ? "" : "?" + query));
    }

    private HttpsRedirect redirect() {
        HttpsRedirect current = redirect;
        if (current == null) {
            try {
                current = new HttpsRedirect(Integer.parseInt(port.strip()));
            } catch (IllegalArgumentException e) {
                LOG.severe("sesame.http.https-redirect-port: " + e.getMessage() + "; no redirect to HTTPS until it is fixed");
                current = new HttpsRedirect(0);
            }
            redirect = current;
        }
        return current;
    }
}
