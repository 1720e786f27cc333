package io.sesame.ses.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Every call Sesame makes to SES, whichever front door asked: the built-in sandbox or Amazon SES v2. Sends run per key
 * (under the key's narrowed credentials in STS mode); the other operations run under Sesame's own. Failures are
 * {@link SesFailure}s; what only real SES has, the sandbox refuses with {@link #notInSandbox()} (501).
 */
public interface SesTransport {

    /** @return SES's message id */
    String send(OutgoingEmail email, String keyId) throws SesFailure;

    /** One message per destination; the results are in the order of the destinations. */
    List<BulkResult> sendBulk(BulkEmail email, String keyId) throws SesFailure;

    /** A destination's outcome: SES's status (SUCCESS, MESSAGE_REJECTED, …), its message id or error. */
    record BulkResult(String status, String messageId, String error) {
        public boolean succeeded() {
            return "SUCCESS".equals(status);
        }
    }

    /** SES's sending status and quota (the sandbox: enabled, healthy, no quota). */
    record AccountStatus(boolean sendingEnabled, boolean productionAccessEnabled, String enforcementStatus, SendQuota quota) {
    }

    record SendQuota(double max24HourSend, double maxSendRate, double sentLast24Hours) {
    }

    AccountStatus account();

    List<String> listTemplates();

    /** @throws SesFailure NOT_FOUND when there is no such template */
    EmailTemplate getTemplate(String name);

    void createTemplate(EmailTemplate template);

    void updateTemplate(EmailTemplate template);

    void deleteTemplate(String name);

    /** The template rendered with {@code data}: subject, text and HTML. */
    EmailTemplate renderTemplate(String name, JsonObject data);

    /** Identities: {@code identity}, {@code type}, {@code sendingEnabled}, {@code verificationStatus}. */
    List<JsonObject> listIdentities();

    JsonObject getIdentity(String identity);

    List<String> listConfigurationSets();

    /** Suppressed destinations: {@code emailAddress}, {@code reason}, {@code lastUpdateTime} (ISO-8601). */
    List<JsonObject> listSuppressed();

    JsonObject getSuppressed(String email);

    /** @param reason BOUNCE or COMPLAINT; anything else is an IllegalArgumentException */
    void putSuppressed(String email, String reason);

    void deleteSuppressed(String email);

    /** {@code sandbox} or {@code aws}: recorded in the audit. */
    String name();

    /** What the sandbox answers for what only SES has (identities, configuration sets, the suppression list). */
    static SesameException notInSandbox() {
        return new SesameException(ErrorKind.NOT_SUPPORTED, "not_in_sandbox", "this operation needs real SES (sesame.ses.transport=aws); the "
                + "sandbox transport has no identities, configuration sets or suppression list");
    }
}
