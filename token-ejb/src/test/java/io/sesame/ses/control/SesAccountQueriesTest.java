package io.sesame.ses.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * Identities, configuration sets and the suppression list, which the emulator lacks, against a JDK HttpServer
 * answering SES v2's REST-JSON shapes.
 */
class SesAccountQueriesTest {

    private HttpServer server;
    private SesV2Client client;
    private final Map<String, String> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.put(method + " " + path, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = 200;
            String body;
            // Paths as SDK 2.57 sends them (list operations are POSTs to list-… resources).
            if (method.equals("POST") && path.equals("/v2/email/list-identities")) {
                body = "{\"EmailIdentities\":[{\"IdentityName\":\"example.com\",\"IdentityType\":\"DOMAIN\",\"SendingEnabled\":true,"
                        + "\"VerificationStatus\":\"SUCCESS\"},{\"IdentityName\":\"ops@example.org\",\"IdentityType\":\"EMAIL_ADDRESS\","
                        + "\"SendingEnabled\":false,\"VerificationStatus\":\"PENDING\"}]}";
            } else if (method.equals("GET") && path.equals("/v2/email/identities/example.com")) {
                body = "{\"IdentityType\":\"DOMAIN\",\"VerifiedForSendingStatus\":true,\"VerificationStatus\":\"SUCCESS\","
                        + "\"DkimAttributes\":{\"SigningEnabled\":true,\"Status\":\"SUCCESS\"},\"ConfigurationSetName\":\"tx\"}";
            } else if (method.equals("POST") && path.equals("/v2/email/list-configuration-sets")) {
                body = "{\"ConfigurationSets\":[\"tx\",\"marketing\"]}";
            } else if (method.equals("GET") && path.equals("/v2/email/suppression/addresses")) {
                body = "{\"SuppressedDestinationSummaries\":[{\"EmailAddress\":\"gone@example.net\",\"Reason\":\"BOUNCE\","
                        + "\"LastUpdateTime\":1767225600}]}";
            } else if (method.equals("GET") && path.startsWith("/v2/email/suppression/addresses/")) {
                status = 404;
                body = "{\"message\":\"Email address is not on the suppression list\"}";
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "NotFoundException");
            } else if (method.equals("PUT") || method.equals("DELETE")) {
                body = "{}";
            } else {
                status = 400;
                body = "{\"message\":\"unexpected " + method + " " + path + "\"}";
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "BadRequestException");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        client = StubClients.ses(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void identities_and_configuration_sets() {
        SesAccountQueries queries = new SesAccountQueries(client);
        List<JsonObject> identities = queries.listIdentities();
        assertThat(identities).hasSize(2);
        assertThat(identities.get(0).getString("identity")).isEqualTo("example.com");
        assertThat(identities.get(1).getBoolean("sendingEnabled")).isFalse();
        JsonObject domain = queries.getIdentity("example.com");
        assertThat(domain.getBoolean("verifiedForSending")).isTrue();
        assertThat(domain.getJsonObject("dkim").getString("status")).isEqualTo("SUCCESS");
        assertThat(domain.getString("configurationSet")).isEqualTo("tx");
        assertThat(queries.listConfigurationSets()).containsExactly("tx", "marketing");
    }

    @Test
    void suppression_list() {
        SesAccountQueries queries = new SesAccountQueries(client);
        assertThat(queries.listSuppressed()).extracting(j -> j.getString("emailAddress")).containsExactly("gone@example.net");
        queries.putSuppressed("spam@example.net", "COMPLAINT");
        assertThat(requests.get("PUT /v2/email/suppression/addresses")).contains("\"EmailAddress\":\"spam@example.net\"")
                .contains("\"Reason\":\"COMPLAINT\"");
        queries.deleteSuppressed("spam@example.net");
        assertThat(requests).containsKey("DELETE /v2/email/suppression/addresses/spam@example.net");
        assertThatThrownBy(() -> queries.getSuppressed("nobody@example.net")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> queries.putSuppressed("x@example.net", "SPAM")).hasMessageContaining("BOUNCE or COMPLAINT");
    }
}
