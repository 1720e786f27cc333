package io.sesame.sts.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sesame.platform.control.AwsConnection;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.PolicyJson;
import io.sesame.ses.control.AwsSesTransport;
import io.sesame.ses.control.OutgoingEmail;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * STS mode end to end with the real SDK: an STS test double answering AssumeRole in STS's XML, and an SES stub
 * that records which credentials signed each call.
 */
class ScopedCredentialsTest {

    private HttpServer server;
    private final List<String> assumeRoleRequests = new CopyOnWriteArrayList<>();
    private final List<String> sesAuthorizations = new CopyOnWriteArrayList<>();
    private URI endpoint;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer;
            if (exchange.getRequestURI().getPath().equals("/") && body.contains("Action=AssumeRole")) {
                assumeRoleRequests.add(URLDecoder.decode(body, StandardCharsets.UTF_8));
                int n = assumeRoleRequests.size();
                answer = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
                        + "<AccessKeyId>ASIASESAMETEST" + n + "</AccessKeyId><SecretAccessKey>secret" + n + "</SecretAccessKey>"
                        + "<SessionToken>token" + n + "</SessionToken><Expiration>" + Instant.now().plus(Duration.ofHours(1))
                        + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/sesame/x</Arn>"
                        + "<AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
            } else {
                sesAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                answer = "{\"MessageId\":\"0100-sts-000000\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static AccessPolicy policy(String json) {
        return PolicyJson.parse(Json.createReader(new StringReader(json.replace('\'', '"'))).readObject());
    }

    @Test
    void every_key_sends_under_its_own_narrowed_role_session() {
        StaticCredentialsProvider base = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABASEKEY", "base-secret"));
        StsClient sts = StsClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1).credentialsProvider(base)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        AccessPolicy policy = policy("{'permissions':['ses:SendEmail'],'scope':{'fromAddresses':['@example.com']}}");
        try (ScopedCredentials scoped = new ScopedCredentials(sts, "arn:aws:iam::123456789012:role/sesame-sender", "eu-west-1",
                Duration.ofHours(1))) {
            int[] version = {1};
            AwsSesTransport transport = new AwsSesTransport(
                    new AwsConnection("eu-west-1", endpoint.toString(), "AKIABASEKEY", "base-secret"), Duration.ofSeconds(10),
                    keyId -> scoped.forKey(keyId, "app_1", version[0], policy.permissions(), policy.scope()));
            OutgoingEmail email = new OutgoingEmail(OutgoingEmail.Kind.SIMPLE, "a@example.com", null, List.of("b@x.com"),
                    List.of(), List.of(), List.of(), "s", "t", null, null, null, null, null, Map.of());

            assertThat(transport.send(email, "KEY1")).isEqualTo("0100-sts-000000");
            transport.send(email, "KEY1");
            assertThat(assumeRoleRequests).as("credentials are cached per key and policy version").hasSize(1);
            String assume = assumeRoleRequests.get(0);
            assertThat(assume).contains("RoleArn=arn:aws:iam::123456789012:role/sesame-sender")
                    .contains("RoleSessionName=sesame-KEY1").contains("DurationSeconds=3600")
                    .contains("\"ses:FromAddress\":[\"*@example.com\"]")
                    .contains("arn:aws:ses:eu-west-1:123456789012:identity/example.com")
                    .contains("Tags.member.1.Key=sesame-key-id").contains("Tags.member.1.Value=KEY1");
            assertThat(sesAuthorizations).allSatisfy(a -> assertThat(a).contains("Credential=ASIASESAMETEST1/")
                    .doesNotContain("AKIABASEKEY"));

            version[0] = 2; // a policy change: new credentials at once
            transport.send(email, "KEY1");
            assertThat(assumeRoleRequests).hasSize(2);
            assertThat(sesAuthorizations.get(2)).contains("Credential=ASIASESAMETEST2/");
            transport.close();
        }
    }

    @Test
    void bad_role_arn_or_duration_is_refused() {
        StsClient sts = StsClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        assertThatThrownBy(() -> new ScopedCredentials(sts, "arn:aws:iam::123:user/x", "eu-west-1", Duration.ofHours(1)))
                .hasMessageContaining("IAM role ARN");
        assertThatThrownBy(() -> new ScopedCredentials(sts, "arn:aws:iam::123456789012:role/x", "eu-west-1", Duration.ofMinutes(5)))
                .hasMessageContaining("900-43200");
        assertThat(ScopedCredentials.sessionName("Ab3$%xyz")).isEqualTo("sesame-Ab3xyz");
        sts.close();
    }
}
