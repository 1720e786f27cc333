package io.sesame.api.reputation;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.reputation.boundary.ReputationService;
import io.sesame.reputation.boundary.SesNotifications;
import io.sesame.reputation.control.SnsMessage;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The HTTPS endpoint to subscribe to the SNS topic that receives SES events (bounces, complaints, deliveries…).
 * Authenticated by the SNS message signature, not by a token.
 */
@Path("ses/notifications")
public class SesNotificationsResource {

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    SesNotifications notifications;

    @Inject
    ReputationService reputation;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.WILDCARD) // SNS posts JSON as text/plain
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "SNS endpoint for SES event notifications",
            description = "Accepts only signed messages of the topics in sesame.sns.topic-arns, no older than an hour; confirms the "
                    + "subscription; counts Send, Delivery, Bounce, Complaint and Reject per key and alerts (and by default suspends "
                    + "the key) above the bounce-rate and complaint-rate rules. A message id seen before is acknowledged and ignored.")
    public JsonObject receive(String body) {
        Instant now = Instant.now();
        String ip = clientAddresses.of(request);
        SnsMessage message = notifications.authenticate(body, ip, now);
        SesNotifications.Result result = notifications.process(message, ip, now);
        if (result.keyId() != null) {
            reputation.judge(result.keyId(), result.applicationId(), now);
        }
        return Json.createObjectBuilder().add("status", result.status()).add("detail", result.detail()).build();
    }
}
