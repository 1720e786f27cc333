package io.sesame.api.sesv2.operation;

import jakarta.inject.Inject;
import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesErrors;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.mail.boundary.SendService;
import io.sesame.mail.control.MessageReader;
import io.sesame.mail.control.SesV2Json;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.Reason;
import io.sesame.policy.control.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** SES v2 SendBulkEmail: each destination checked and audited as a message of its own, as on {@code /api/v1/emails/bulk}. */
@ApplicationScoped
public class SendBulkEmail implements SesOperation {

    @Inject
    SendService sender;

    @Override
    public Permission permission() {
        return Permission.SEND_BULK_EMAIL;
    }

    @Override
    public String route() {
        return "POST /v2/email/outbound-bulk-emails";
    }

    @Override
    public JsonObject handle(SesCall call) {
        SendService.BulkOutcome outcome = sender.sendBulk(call.caller(), MessageReader.readBulk(SesV2Json.sendBulkEmail(call.json())),
                null, null);
        if (outcome.code() != null || outcome.results() == null) { // refused (an idempotent replay cannot happen here)
            ReasonCode reason = ReasonCode.ofCode(outcome.code()).orElse(ReasonCode.INVALID_MESSAGE);
            throw SesErrors.denial(new Reason(reason, outcome.detail()), -1);
        }
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (SendService.BulkEntry r : outcome.results()) {
            JsonObjectBuilder entry = Json.createObjectBuilder().add("Status", r.status());
            if (r.messageId() != null) {
                entry.add("MessageId", r.messageId());
            }
            if (r.error() != null) {
                entry.add("Error", r.error());
            }
            results.add(entry);
        }
        return Json.createObjectBuilder().add("BulkEmailEntryResults", results).build();
    }
}
