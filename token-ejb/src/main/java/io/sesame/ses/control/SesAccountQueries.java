package io.sesame.ses.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.SuppressedDestination;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * SES v2 read and suppression-list operations through the SDK, answered in Sesame's JSON (camelCase, only the
 * fields an application needs). Plain Java: tested against a stub that speaks SES's wire format.
 */
public final class SesAccountQueries {

    private final SesV2Client client;

    public SesAccountQueries(SesV2Client client) {
        this.client = client;
    }

    public List<JsonObject> listIdentities() {
        return client.listEmailIdentitiesPaginator(b -> b.pageSize(100)).stream()
                .flatMap(page -> page.emailIdentities().stream())
                .map(i -> Json.createObjectBuilder()
                        .add("identity", i.identityName())
                        .add("type", String.valueOf(i.identityType()))
                        .add("sendingEnabled", Boolean.TRUE.equals(i.sendingEnabled()))
                        .add("verificationStatus", String.valueOf(i.verificationStatus()))
                        .build())
                .toList();
    }

    public JsonObject getIdentity(String name) {
        GetEmailIdentityResponse i = client.getEmailIdentity(b -> b.emailIdentity(name));
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("identity", name)
                .add("type", String.valueOf(i.identityType()))
                .add("verifiedForSending", Boolean.TRUE.equals(i.verifiedForSendingStatus()))
                .add("verificationStatus", String.valueOf(i.verificationStatus()));
        if (i.dkimAttributes() != null) {
            out.add("dkim", Json.createObjectBuilder()
                    .add("signingEnabled", Boolean.TRUE.equals(i.dkimAttributes().signingEnabled()))
                    .add("status", String.valueOf(i.dkimAttributes().status())));
        }
        if (i.configurationSetName() != null) {
            out.add("configurationSet", i.configurationSetName());
        }
        return out.build();
    }

    public List<JsonObject> listSuppressed() {
        return client.listSuppressedDestinationsPaginator(b -> b.pageSize(100)).stream()
                .flatMap(page -> page.suppressedDestinationSummaries().stream())
                .map(s -> Json.createObjectBuilder()
                        .add("emailAddress", s.emailAddress())
                        .add("reason", String.valueOf(s.reason()))
                        .add("lastUpdateTime", String.valueOf(s.lastUpdateTime()))
                        .build())
                .toList();
    }

    public JsonObject getSuppressed(String email) {
        SuppressedDestination s = client.getSuppressedDestination(b -> b.emailAddress(email)).suppressedDestination();
        return Json.createObjectBuilder()
                .add("emailAddress", s.emailAddress())
                .add("reason", String.valueOf(s.reason()))
                .add("lastUpdateTime", String.valueOf(s.lastUpdateTime()))
                .build();
    }

    /** @param reason BOUNCE or COMPLAINT, as SES allows */
    public void putSuppressed(String email, String reason) {
        SuppressionListReason parsed = SuppressionListReason.fromValue(reason);
        if (parsed == SuppressionListReason.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("reason must be BOUNCE or COMPLAINT");
        }
        client.putSuppressedDestination(b -> b.emailAddress(email).reason(parsed));
    }

    public void deleteSuppressed(String email) {
        client.deleteSuppressedDestination(b -> b.emailAddress(email));
    }

    public List<String> listConfigurationSets() {
        return client.listConfigurationSetsPaginator(b -> b.pageSize(100)).stream()
                .flatMap(page -> page.configurationSets().stream())
                .toList();
    }

}
