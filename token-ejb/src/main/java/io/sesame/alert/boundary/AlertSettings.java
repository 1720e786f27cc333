package io.sesame.alert.boundary;

import static io.sesame.platform.control.ConfigValues.commaSeparated;
import static io.sesame.platform.control.ConfigValues.present;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Alert monitoring and delivery settings ({@code sesame.alerts.*}). */
@ApplicationScoped
public class AlertSettings {

    @Inject
    @ConfigProperty(name = "sesame.alerts.interval-seconds", defaultValue = "30")
    int intervalSeconds;

    @Inject
    @ConfigProperty(name = "sesame.alerts.webhook-url")
    Optional<String> webhookUrl;

    @Inject
    @ConfigProperty(name = "sesame.alerts.webhook-secret")
    Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "sesame.alerts.email-to")
    Optional<String> emailTo;

    @Inject
    @ConfigProperty(name = "sesame.alerts.email-from")
    Optional<String> emailFrom;

    @Inject
    @ConfigProperty(name = "sesame.alerts.retry-base-seconds", defaultValue = "10")
    int retryBaseSeconds;

    /** How often the alert monitor looks at recent activity (at least 1 s). */
    public Duration alertInterval() {
        return Duration.ofSeconds(Math.max(1, intervalSeconds));
    }

    public Optional<String> alertWebhookUrl() {
        return present(webhookUrl);
    }

    public Optional<String> alertWebhookSecret() {
        return present(webhookSecret);
    }

    public List<String> alertEmailTo() {
        return commaSeparated(emailTo);
    }

    public Optional<String> alertEmailFrom() {
        return present(emailFrom);
    }

    public Duration alertRetryBase() {
        return Duration.ofSeconds(Math.max(1, retryBaseSeconds));
    }
}
