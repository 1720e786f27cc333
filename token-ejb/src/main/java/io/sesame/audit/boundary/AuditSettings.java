package io.sesame.audit.boundary;

import io.sesame.platform.control.SesameException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Audit settings ({@code sesame.audit.*}). */
@ApplicationScoped
public class AuditSettings {

    @Inject
    @ConfigProperty(name = "sesame.audit.full-recipients", defaultValue = "false")
    boolean fullRecipients;

    @Inject
    @ConfigProperty(name = "sesame.audit.retention-days", defaultValue = "400")
    int retentionDays;

    /** Days audit events are kept after sealing; at least 1, so a typo cannot empty the audit. */
    public int auditRetentionDays() {
        if (retentionDays < 1) {
            throw SesameException.unavailable("sesame.audit.retention-days must be at least 1 (is " + retentionDays + ")");
        }
        return retentionDays;
    }

    /** Whether call events keep full recipient addresses (off by default: domains and counts only, for GDPR). */
    public boolean auditFullRecipients() {
        return fullRecipients;
    }
}
