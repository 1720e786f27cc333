package io.sesame.api.sesv2.operation;

import jakarta.inject.Inject;
import io.sesame.api.sesv2.SesCall;
import io.sesame.api.sesv2.SesError;
import io.sesame.api.sesv2.SesErrors;
import io.sesame.api.sesv2.SesOperation;
import io.sesame.mail.boundary.SendService;
import io.sesame.mail.control.MessageReader;
import io.sesame.mail.control.SesV2Json;
import io.sesame.policy.control.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** SES v2 SendEmail: the same reader, policy, quotas, audit and transport as {@code POST /api/v1/emails}. */
@ApplicationScoped
public class SendEmail implements SesOperation {

    @Inject
    SendService sender;

    @Override
    public Permission permission() {
        return Permission.SEND_EMAIL;
    }

    @Override
    public String route() {
        return "POST /v2/email/outbound-emails";
    }

    @Override
    public JsonObject handle(SesCall call) {
        SendService.Outcome outcome = sender.send(call.caller(), MessageReader.read(SesV2Json.sendEmail(call.json())), null, null);
        if (outcome instanceof SendService.Sent sent) {
            return Json.createObjectBuilder().add("MessageId", sent.messageId()).build();
        }
        if (outcome instanceof SendService.Denied denied) {
            throw SesErrors.denial(denied.decision().primary(), denied.auditId());
        }
        if (outcome instanceof SendService.Failed failed) {
            throw SesErrors.fromSes(failed.failure());
        }
        throw new SesError(500, "InternalFailure", "unexpected outcome " + outcome);
    }
}
