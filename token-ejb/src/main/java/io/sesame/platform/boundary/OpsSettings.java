package io.sesame.platform.boundary;

import io.sesame.platform.control.OpsAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read {@code /api/v1/ops/*} (metrics, readiness details): {@code sesame.ops.networks} (client addresses,
 * resolved through the trusted proxies; default none — a same-host proxy that adds no forwarding header would make every
 * client look local) or {@code sesame.ops.token} as a bearer token (a scraper's
 * secret, at least 24 characters). An unreadable setting admits no one and is logged (SEVERE) — it does not take the
 * instance out of service: the operator endpoints fail closed on their own.
 */
@ApplicationScoped
public class OpsSettings {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OpsSettings.class.getName());

    @Inject
    @ConfigProperty(name = "sesame.ops.networks", defaultValue = "none")
    String networks;

    @Inject
    @ConfigProperty(name = "sesame.ops.token")
    Optional<String> token;

    private volatile OpsAccess access;
    private volatile String problem;

    public OpsAccess access() {
        OpsAccess current = access;
        if (current == null) {
            try {
                current = OpsAccess.of(networks, token.orElse(null));
                problem = null;
            } catch (IllegalArgumentException e) {
                current = OpsAccess.nobody();
                problem = "sesame.ops.networks / sesame.ops.token: " + e.getMessage();
                LOG.severe(problem + "; no one may read /api/v1/ops/* until it is fixed");
            }
            access = current;
        }
        return current;
    }

    /** What is wrong with the settings (then no one may read the operator endpoints), or null. */
    public String problem() {
        access();
        return problem;
    }
}
