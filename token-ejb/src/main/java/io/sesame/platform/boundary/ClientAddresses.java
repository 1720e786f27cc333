package io.sesame.platform.boundary;

import io.sesame.platform.control.Cidr;
import io.sesame.platform.control.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client address of a request, for every door (API, SES endpoint, portal sign-in): {@link ClientAddress} over
 * {@code sesame.http.trusted-proxies} and {@code sesame.http.client-ip-header}. The only caller of
 * {@code getRemoteAddr()} (ArchitectureTest, DoorRulesTest). A setting Sesame cannot read trusts no proxy (fail
 * closed: every client is its TCP peer) and readiness says why.
 */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    @ConfigProperty(name = "sesame.http.trusted-proxies", defaultValue = " ")
    String trustedProxiesSetting;

    @Inject
    @ConfigProperty(name = "sesame.http.client-ip-header", defaultValue = "X-Forwarded-For")
    String headerSetting;

    private volatile Settings settings;

    private record Settings(List<Cidr> trusted, ClientAddress.Header header, String problem) {
    }

    public String of(HttpServletRequest request) {
        Settings s = settings();
        if (s.trusted().isEmpty()) {
            return ClientAddress.resolve(request.getRemoteAddr(), s.header(), List.of(), List.of());
        }
        return ClientAddress.resolve(request.getRemoteAddr(), s.header(), Collections.list(request.getHeaders(s.header().headerName())),
                s.trusted());
    }

    /** The client address an operator network may admit, or null ({@link ClientAddress#forNetworkCheck}). */
    public String forOperatorNetworks(HttpServletRequest request) {
        Settings s = settings();
        boolean forwarded = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                || request.getHeader(s.header().headerName()) != null;
        return ClientAddress.forNetworkCheck(request.getRemoteAddr(), of(request), forwarded, s.trusted());
    }

    /** Whether the client reached Sesame over HTTPS ({@link ClientAddress#isHttps}): decides HSTS. */
    public boolean isHttps(HttpServletRequest request) {
        Settings s = settings();
        if (request.isSecure() || s.trusted().isEmpty()) { // every response asks: no header is read when none could count
            return request.isSecure();
        }
        return ClientAddress.isHttps(request.getRemoteAddr(), request.isSecure(), s.header(),
                Collections.list(request.getHeaders(s.header().headerName())), Collections.list(request.getHeaders("X-Forwarded-Proto")),
                s.trusted());
    }

    /** Why the proxy settings could not be read (no proxy is then trusted), or null. */
    public String problem() {
        return settings().problem();
    }

    private Settings settings() {
        Settings read = settings;
        if (read == null) {
            read = read(trustedProxiesSetting, headerSetting);
            settings = read;
        }
        return read;
    }

    static Settings read(String proxies, String header) {
        List<Cidr> trusted = new ArrayList<>();
        try {
            ClientAddress.Header h = ClientAddress.Header.parse(header);
            for (String item : proxies == null ? new String[0] : proxies.split(",")) {
                if (!item.isBlank()) {
                    try {
                        trusted.add(Cidr.parse(item));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("sesame.http.trusted-proxies: " + e.getMessage());
                    }
                }
            }
            return new Settings(List.copyOf(trusted), h, null);
        } catch (IllegalArgumentException e) {
            return new Settings(List.of(), ClientAddress.Header.X_FORWARDED_FOR, e.getMessage());
        }
    }
}
