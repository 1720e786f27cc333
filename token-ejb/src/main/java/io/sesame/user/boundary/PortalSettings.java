package io.sesame.user.boundary;

import io.sesame.platform.control.SesameException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Portal account settings ({@code sesame.portal.*}). */
@ApplicationScoped
public class PortalSettings {

    @Inject
    @ConfigProperty(name = "sesame.portal.session-max-hours", defaultValue = "12")
    int sessionMaxHours;

    /** How long a portal session lasts at most, active or not (the idle timeout is web.xml's 30 minutes). 1–168 hours. */
    public Duration sessionMaxLifetime() {
        if (sessionMaxHours < 1 || sessionMaxHours > 168) {
            throw SesameException.unavailable("sesame.portal.session-max-hours must be between 1 and 168 (is " + sessionMaxHours + ")");
        }
        return Duration.ofHours(sessionMaxHours);
    }
}
