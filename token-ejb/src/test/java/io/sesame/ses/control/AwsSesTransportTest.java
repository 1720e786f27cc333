package io.sesame.ses.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sesame.platform.control.ErrorKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The SES error answers the emulator cannot produce (MessageRejected, throttling, sending paused), served by
 * a JDK HttpServer in SES v2's real JSON shapes, and the request the transport sends.
 */
class AwsSesTransportTest {

    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> errorType = new AtomicReference<>();
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private AwsSesTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (errorType.get() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType.get());
            }
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        SesV2Client client = StubClients.ses(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        transport = new AwsSesTransport(client);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    private static OutgoingEmail simple() {
        return new OutgoingEmail(OutgoingEmail.Kind.SIMPLE, "noreply@example.com", "Acme", List.of("a@x.com"), List.of(),
                List.of("b@y.com"), List.of(), "Hi", "Hello", null, null, null, null, "tx", Map.of("campaign", "welcome"));
    }

    private void answer(int code, String type, String json) {
        status.set(code);
        errorType.set(type);
        answer.set(json);
    }

    @Test
    void sends_simple_content_with_destination_configuration_set_and_tags() {
        answer(200, null, "{\"MessageId\":\"0100-abc-000000\"}");
        assertThat(transport.send(simple(), "KEY")).isEqualTo("0100-abc-000000");
        assertThat(lastBody.get()).contains("\"FromEmailAddress\":\"Acme <noreply@example.com>\"")
                .contains("\"ToAddresses\":[\"a@x.com\"]").contains("\"BccAddresses\":[\"b@y.com\"]")
                .contains("\"ConfigurationSetName\":\"tx\"").contains("\"Name\":\"campaign\"");
    }

    @Test
    void ses_errors_become_clear_failures() {
        answer(400, "MessageRejected", "{\"message\":\"Email address is not verified.\"}");
        assertThatThrownBy(() -> transport.send(simple(), "KEY")).isInstanceOfSatisfying(SesFailure.class, f -> {
            assertThat(f.reason()).isEqualTo(SesFailure.Reason.REJECTED);
            assertThat(f.kind()).isEqualTo(ErrorKind.REJECTED);
            assertThat(f.getMessage()).contains("not verified");
        });
        answer(429, "TooManyRequestsException", "{\"message\":\"Maximum sending rate exceeded.\"}");
        assertThatThrownBy(() -> transport.send(simple(), "KEY")).isInstanceOfSatisfying(SesFailure.class,
                f -> assertThat(f.reason()).isEqualTo(SesFailure.Reason.THROTTLED));
        answer(400, "SendingPausedException", "{\"message\":\"Sending is paused for this account.\"}");
        assertThatThrownBy(() -> transport.send(simple(), "KEY")).isInstanceOfSatisfying(SesFailure.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        answer(400, "AccountSuspendedException", "{\"message\":\"suspended\"}");
        assertThatThrownBy(() -> transport.send(simple(), "KEY")).isInstanceOfSatisfying(SesFailure.class,
                f -> assertThat(f.reason()).isEqualTo(SesFailure.Reason.PAUSED));
        answer(400, "BadRequestException", "{\"message\":\"Template data is invalid\"}");
        assertThatThrownBy(() -> transport.send(simple(), "KEY")).isInstanceOfSatisfying(SesFailure.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.INVALID));
        answer(404, "NotFoundException", "{\"message\":\"Template welcome does not exist.\"}");
        assertThatThrownBy(() -> transport.send(simple(), "KEY")).isInstanceOfSatisfying(SesFailure.class,
                f -> assertThat(f.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        answer(500, null, "{\"message\":\"internal\"}");
        assertThatThrownBy(() -> transport.send(simple(), "KEY")).as("SES may fail after taking the message")
                .isInstanceOfSatisfying(SesFailure.class, f -> assertThat(f.reason()).isEqualTo(SesFailure.Reason.OUTCOME_UNKNOWN));
    }

    @Test
    void templates_and_account_go_through_the_transport_with_ses_errors_as_failures() {
        answer(200, null, "{\"TemplateName\":\"welcome\",\"TemplateContent\":{\"Subject\":\"Hi {{name}}\",\"Text\":\"Hello\"}}");
        EmailTemplate template = transport.getTemplate("welcome");
        assertThat(template.subject()).isEqualTo("Hi {{name}}");
        assertThat(template.text()).isEqualTo("Hello");
        answer(200, null, "{\"RenderedTemplate\":\"Subject: Hi Ada\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\n\\r\\nHello Ada\"}");
        EmailTemplate rendered = transport.renderTemplate("welcome", jakarta.json.Json.createObjectBuilder().add("name", "Ada").build());
        assertThat(rendered.subject()).isEqualTo("Hi Ada");
        assertThat(rendered.text()).isEqualTo("Hello Ada");
        assertThat(lastBody.get()).contains("\"TemplateData\":\"{\\\"name\\\":\\\"Ada\\\"}\"");
        answer(200, null, "{\"SendingEnabled\":true,\"ProductionAccessEnabled\":false,\"EnforcementStatus\":\"HEALTHY\","
                + "\"SendQuota\":{\"Max24HourSend\":200,\"MaxSendRate\":1,\"SentLast24Hours\":3}}");
        SesTransport.AccountStatus account = transport.account();
        assertThat(account.sendingEnabled()).isTrue();
        assertThat(account.quota().max24HourSend()).isEqualTo(200.0);
        answer(404, "NotFoundException", "{\"message\":\"Template nope does not exist.\"}");
        assertThatThrownBy(() -> transport.deleteTemplate("nope")).isInstanceOfSatisfying(SesFailure.class,
                f -> assertThat(f.reason()).isEqualTo(SesFailure.Reason.NOT_FOUND));
        answer(404, null, "<UnknownOperationException/>");
        assertThatThrownBy(() -> transport.listTemplates()).as("a 404 without an error type (an emulator) is still not found")
                .isInstanceOfSatisfying(SesFailure.class, f -> assertThat(f.reason()).isEqualTo(SesFailure.Reason.NOT_FOUND));
        assertThatThrownBy(() -> transport.putSuppressed("a@example.com", "SPAM")).as("checked before SES is called")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_unreachable_endpoint_is_unavailable_not_a_crash() {
        server.stop(0);
        assertThatThrownBy(() -> transport.send(simple(), "KEY")).isInstanceOfSatisfying(SesFailure.class,
                f -> assertThat(f.reason()).isEqualTo(SesFailure.Reason.UNAVAILABLE));
    }
}
