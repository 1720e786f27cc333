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

    @Inject
    @ConfigProperty(name = "sesame.ses.call-timeout-seconds", defaultValue = "10")
    int callTimeoutSeconds;

    /** {@code sandbox} (built in) or {@code aws}. */
    public String transport() {
        return transport.strip().toLowerCase(Locale.ROOT);
    }

    /** STS mode: the role whose credentials (narrowed per key) SES calls run under. */
    public Optional<String> roleArn() {
        return present(roleArn);
    }

    /**
     * The longest an SES call may take, retries included (1-120 s). A call that reached SES and got no answer in
     * time is reported as "outcome unknown" (HTTP 504), not retried: SES may have sent the message.
     */
    public Duration callTimeout() {
        if (callTimeoutSeconds < 1 || callTimeoutSeconds > 120) {
            throw new IllegalStateException("sesame.ses.call-timeout-seconds must be 1-120, not " + callTimeoutSeconds);
        }
        return Duration.ofSeconds(callTimeoutSeconds);
    }

    public Duration sessionDuration() {
        return Duration.ofSeconds(sessionDurationSeconds);
    }
}
