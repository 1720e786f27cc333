package io.sesame.bench.ceiling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * What the stack costs before Sesame does anything: {@code POST /ceiling/api/noop} answers a constant, and
 * {@code POST /ceiling/api/sdk/{client}} reads the same JSON body Sesame reads and makes only the SDK call Sesame makes
 * (no retry of a taken call, 10 s budget, 64 connections) with one of the SDK's HTTP clients: {@code apache} (what Sesame
 * uses, the settings of {@code AwsSesTransport.build}), {@code urlconnection} or {@code crt}; and {@code POST /ceiling/api/sdk-async/netty}: the async client, the
 * request suspended with {@link AsyncResponse} until SES answers, so no request thread waits. The stub's address comes from
 * {@code SESAME_SES_ENDPOINT}, as Sesame's does.
 */
@Path("")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CeilingResource {

    private static final Duration BUDGET = Duration.ofSeconds(10);
    private Map<String, SesV2Client> clients;
    private SesV2AsyncClient netty;

    @PostConstruct
    void start() {
        clients = Map.of(
                "apache", sync(ApacheHttpClient.builder().maxConnections(64).connectionTimeout(Duration.ofSeconds(2))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(2)).socketTimeout(BUDGET).build()),
                "urlconnection", sync(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(BUDGET).build()),
                "crt", sync(AwsCrtHttpClient.builder().maxConcurrency(64).connectionTimeout(Duration.ofSeconds(2)).build()));
        netty = SesV2AsyncClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint()).credentialsProvider(credentials())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(BUDGET))
                .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(64).connectionTimeout(Duration.ofSeconds(2)).build())
                .build();
    }

    private static URI endpoint() {
        return URI.create(System.getenv().getOrDefault("SESAME_SES_ENDPOINT", "http://127.0.0.1:18095"));
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench"));
    }

    private static SesV2Client sync(SdkHttpClient http) {
        return SesV2Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint()).credentialsProvider(credentials())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(BUDGET))
                .httpClient(http).build();
    }

    @PreDestroy
    void stop() {
        clients.values().forEach(SesV2Client::close);
        netty.close();
    }

    @POST
    @Path("noop")
    @Consumes(MediaType.APPLICATION_JSON)
    public String noop(String body) {
        return "{\"messageId\":\"noop\"}";
    }

    @POST
    @Path("sdk/{client}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sdk(@PathParam("client") String client, String body) {
        SesV2Client sync = clients.get(client);
        if (sync == null) {
            return Response.status(404).build();
        }
        return Response.ok(Json.createObjectBuilder().add("messageId", sync.sendEmail(request(body)).messageId()).build().toString()).build();
    }

    @POST
    @Path("sdk-async/netty")
    @Consumes(MediaType.APPLICATION_JSON)
    public void async(String body, @Suspended AsyncResponse response) {
        netty.sendEmail(request(body)).whenComplete((sent, failure) -> response.resume(failure != null ? failure
                : Json.createObjectBuilder().add("messageId", sent.messageId()).build().toString()));
    }

    private static Consumer<SendEmailRequest.Builder> request(String body) {
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            message = reader.readObject();
        }
        List<String> to = message.getJsonArray("to").getValuesAs(v -> ((JsonString) v).getString());
        return b -> b.fromEmailAddress(message.getString("from")).destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data(message.getString("subject")))
                        .body(x -> x.text(t -> t.data(message.getString("text"))))));
    }
}
