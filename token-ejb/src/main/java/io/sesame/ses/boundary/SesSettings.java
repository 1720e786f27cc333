package io.sesame.ses.boundary;

import static io.sesame.platform.control.ConfigValues.present;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How Sesame calls SES ({@code sesame.ses.*}; the AWS connection itself is shared, in {@code SesameSettings}). */
@ApplicationScoped
public class SesSettings {

    @Inject
    @ConfigProperty(name = "sesame.ses.transport", defaultValue = "sandbox")
    String transport;

    @Inject
    @ConfigProperty(name = "sesame.ses.role-arn")
    Optional<String> roleArn;

    @Inject
    @ConfigProperty(name = "sesame.ses.session-duration-seconds", defaultValue = "3600")
    int sessionDurationSeconds;

    /** {@code sandbox} (built in) or {@code aws}. */
    public String transport() {
        return transport.strip().toLowerCase(Locale.ROOT);
    }

    /** STS mode: the role whose credentials (narrowed per key) SES calls run under. */
    public Optional<String> roleArn() {
        return present(roleArn);
    }

    public Duration sessionDuration() {
        return Duration.ofSeconds(sessionDurationSeconds);
    }
}
