package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DPoP (RFC 9449) end to end: a client holding a P-256 key binds its tokens to it, proves possession on every call, and
 * a thief holding only the token gets nowhere — without a proof, with a replayed one, with one for another URL, method
 * or key, by downgrading to Bearer, or through the SigV4 door. Every refusal is a call event of the key.
 */
@ExtendWith({FreshDatabase.class, SesEmulator.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DpopIT {

    static final String BASE = ItEnvironment.BASE.toString();

    @Deployment(name = "sesame", testable = false)
    static EnterpriseArchive sesame() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sesame.ear")));
    }

    static ECKey clientKey;
    static String admin;
    static String application;
    static JsonObject requiringKey;
    static String boundToken;

    @BeforeAll
    static void keys() throws Exception {
        clientKey = new ECKeyGenerator(Curve.P_256).generate();
    }

    static String proof(ECKey key, String method, String path, String accessToken) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", method)
                .claim("htu", BASE + path).issueTime(new Date());
        if (accessToken != null) {
            claims.claim("ath", Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII))).toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), claims.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static HttpResponse<String> tokenRequest(String apiKey, String... dpopHeaders) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Http.uri("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(SesameClient.form(Map.of("grant_type", "client_credentials", "client_secret", apiKey))));
        for (String h : dpopHeaders) {
            request.header("DPoP", h);
        }
        return Http.send(request);
    }

    static HttpResponse<String> call(String method, String path, String authorization, String body, String... dpopHeaders) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Http.uri(path)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (String h : dpopHeaders) {
            request.header("DPoP", h);
        }
        return Http.send(request);
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static JsonObject sendingPolicy(boolean requireDpop) {
        var scope = Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"));
        if (requireDpop) {
            scope.add("requireDpop", true);
        }
        return Json.createObjectBuilder().add("permissions", Json.createArrayBuilder().add("ses:SendEmail").add("ses:GetAccount"))
                .add("scope", scope).build();
    }

    @Test
    @Order(1)
    void a_key_that_requires_dpop_gets_no_token_without_a_proof_and_a_bound_one_with_it() throws Exception {
        admin = SesameClient.token(SesameClient.bootstrapKey());
        application = SesameClient.createApplication(admin, "dpop");
        requiringKey = SesameClient.issueKey(admin, application, sendingPolicy(true));
        assertThat(requiringKey.getJsonObject("policy").getJsonObject("scope").getBoolean("requireDpop")).isTrue();
        String apiKey = requiringKey.getString("apiKey");

        HttpResponse<String> without = tokenRequest(apiKey);
        assertThat(without.statusCode()).as(without.body()).isEqualTo(400);
        assertThat(Http.json(without).getString("error")).isEqualTo("invalid_dpop_proof");
        HttpResponse<String> wrongUrl = tokenRequest(apiKey, proof(clientKey, "POST", "/api/v1/oauth/introspect", null));
        assertThat(Http.json(wrongUrl).getString("error")).isEqualTo("invalid_dpop_proof");
        HttpResponse<String> two = tokenRequest(apiKey, proof(clientKey, "POST", "/api/v1/oauth/token", null),
                proof(clientKey, "POST", "/api/v1/oauth/token", null));
        assertThat(Http.json(two).getString("error")).isEqualTo("invalid_dpop_proof");

        String tokenProof = proof(clientKey, "POST", "/api/v1/oauth/token", null);
        HttpResponse<String> bound = tokenRequest(apiKey, tokenProof);
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        assertThat(Http.json(bound).getString("token_type")).isEqualTo("DPoP");
        boundToken = Http.json(bound).getString("access_token");
        JsonObject claims = json(new String(java.util.Base64.getUrlDecoder().decode(boundToken.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.getJsonObject("cnf").getString("jkt")).isEqualTo(clientKey.computeThumbprint().toString());
        HttpResponse<String> replayed = tokenRequest(apiKey, tokenProof);
        assertThat(Http.json(replayed).getString("error")).as("a token-endpoint proof is single use too").isEqualTo("invalid_dpop_proof");

        JsonObject audit = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + requiringKey.getString("keyId")
                + "&reason=dpop_proof_invalid", admin));
        assertThat(audit.getJsonArray("items")).as("refused token requests are call events of the key").isNotEmpty();
    }

    @Test
    @Order(2)
    void the_holder_of_the_key_calls_with_fresh_proofs_and_a_thief_with_the_token_alone_is_refused_everywhere() throws Exception {
        String auth = "DPoP " + boundToken;
        HttpResponse<String> who = call("GET", "/api/v1/oauth/whoami", auth, null, proof(clientKey, "GET", "/api/v1/oauth/whoami", boundToken));
        assertThat(who.statusCode()).as(who.body()).isEqualTo(200);
        assertThat(Http.json(who).getJsonObject("cnf").getString("jkt")).isEqualTo(clientKey.computeThumbprint().toString());
        assertThat(Http.json(who).getJsonObject("token").getString("type")).isEqualTo("DPoP");

        String sendProof = proof(clientKey, "POST", "/api/v1/emails", boundToken);
        HttpResponse<String> sent = call("POST", "/api/v1/emails", auth, HostileRequests.simple("noreply@example.com", "bound"), sendProof);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        ECKey thiefKey = new ECKeyGenerator(Curve.P_256).generate();
        Map<String, HttpResponse<String>> attempts = new java.util.LinkedHashMap<>();
        attempts.put("replayed proof", call("POST", "/api/v1/emails", auth, HostileRequests.simple("noreply@example.com", "again"), sendProof));
        attempts.put("no proof", call("GET", "/api/v1/account", auth, null));
        attempts.put("downgraded to Bearer", call("GET", "/api/v1/account", "Bearer " + boundToken, null));
        attempts.put("downgraded with a proof", call("GET", "/api/v1/account", "Bearer " + boundToken, null,
                proof(clientKey, "GET", "/api/v1/account", boundToken)));
        attempts.put("proof by the thief's key", call("GET", "/api/v1/account", auth, null, proof(thiefKey, "GET", "/api/v1/account", boundToken)));
        attempts.put("proof for another URL", call("GET", "/api/v1/account", auth, null, proof(clientKey, "GET", "/api/v1/oauth/whoami", boundToken)));
        attempts.put("proof for another method", call("GET", "/api/v1/account", auth, null, proof(clientKey, "POST", "/api/v1/account", boundToken)));
        attempts.put("proof for another token", call("GET", "/api/v1/account", auth, null, proof(clientKey, "GET", "/api/v1/account", boundToken + "x")));
        attempts.put("two proofs", call("GET", "/api/v1/account", auth, null, proof(clientKey, "GET", "/api/v1/account", boundToken),
                proof(clientKey, "GET", "/api/v1/account", boundToken)));
        for (Map.Entry<String, HttpResponse<String>> attempt : attempts.entrySet()) {
            HttpResponse<String> refused = attempt.getValue();
            assertThat(refused.statusCode()).as(attempt.getKey() + ": " + refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).as(attempt.getKey()).startsWith("DPoP");
            assertThat(Http.json(refused).getString("code")).as(attempt.getKey()).isEqualTo("invalid_dpop_proof");
        }
        String keyId = requiringKey.getString("keyId");
        assertThat(Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + keyId + "&reason=request_replayed", admin))
                .getJsonArray("items")).as("the replay is audited").isNotEmpty();
        JsonObject denied = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + keyId + "&action=ses:GetAccount&reason=dpop_proof_invalid&limit=100", admin));
        assertThat(denied.getJsonArray("items").stream().map(JsonObject.class::cast).map(e -> e.getString("reasonDetail")).toList())
                .as("each of the thief's attempts is a call event of the key, with why")
                .anySatisfy(d -> assertThat(d).contains("DPoP-bound: send it with Authorization: DPoP"))
                .anySatisfy(d -> assertThat(d).contains("another key"))
                .anySatisfy(d -> assertThat(d).contains("htu"))
                .anySatisfy(d -> assertThat(d).contains("htm"))
                .anySatisfy(d -> assertThat(d).contains("ath"))
                .anySatisfy(d -> assertThat(d).contains("needs a DPoP proof"));

        // an unbound token presented as DPoP is refused too (no scheme confusion either way)
        HttpResponse<String> unbound = call("GET", "/api/v1/oauth/whoami", "DPoP " + admin, null, proof(clientKey, "GET", "/api/v1/oauth/whoami", admin));
        assertThat(unbound.statusCode()).isEqualTo(401);

        HttpResponse<String> introspected = SesameClient.postForm("/api/v1/oauth/introspect", admin, Map.of("token", boundToken));
        assertThat(Http.json(introspected).getJsonObject("cnf").getString("jkt")).isEqualTo(clientKey.computeThumbprint().toString());
        assertThat(Http.json(introspected).getString("token_type")).isEqualTo("DPoP");
    }

    @Test
    @Order(3)
    void the_sigv4_door_is_closed_to_a_key_that_requires_dpop_and_turning_the_requirement_off_is_a_widening() throws Exception {
        try (var ses = software.amazon.awssdk.services.sesv2.SesV2Client.builder()
                .endpointOverride(Http.uri("/api/ses"))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(requiringKey.getString("keyId"),
                                requiringKey.getJsonObject("sigv4").getString("secretAccessKey"))))
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .build()) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> ses.getAccount(b -> { }));
            assertThat(refused).isInstanceOf(software.amazon.awssdk.services.sesv2.model.SesV2Exception.class);
            assertThat(((software.amazon.awssdk.services.sesv2.model.SesV2Exception) refused).awsErrorDetails().errorCode())
                    .isEqualTo("AccessDeniedException");
            assertThat(refused.getMessage()).contains("DPoP");
        }
        // a key that does not require DPoP may still bind its tokens (opt-in by the client), and then must prove
        JsonObject optional = SesameClient.issueKey(admin, application, sendingPolicy(false));
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "POST")
                .claim("htu", BASE + "/api/v1/oauth/token").issueTime(new Date()).build();
        SignedJWT rsaProof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(rsa.toPublicJWK()).build(), claims);
        rsaProof.sign(new RSASSASigner(rsa));
        HttpResponse<String> bound = tokenRequest(optional.getString("apiKey"), rsaProof.serialize());
        assertThat(Http.json(bound).getString("token_type")).isEqualTo("DPoP");
        assertThat(call("GET", "/api/v1/account", "Bearer " + Http.json(bound).getString("access_token"), null).statusCode()).isEqualTo(401);
        assertThat(Http.json(tokenRequest(optional.getString("apiKey"))).getString("token_type")).isEqualTo("Bearer");

        // lifting the requirement is a widening: a key of the same application that may manage keys cannot do it
        JsonObject sibling = SesameClient.issueKey(admin, application, SesameClient.policy("sesame:ManageKeys"));
        String siblingToken = SesameClient.token(sibling.getString("apiKey"));
        HttpResponse<String> selfLift = SesameClient.put("/api/v1/admin/keys/" + requiringKey.getString("keyId") + "/policy", siblingToken,
                Json.createObjectBuilder().add("policy", sendingPolicy(false)).build());
        assertThat(selfLift.statusCode()).as(selfLift.body()).isEqualTo(403);
        assertThat(Http.json(selfLift).getString("code")).isEqualTo("self_escalation");
        HttpResponse<String> selfKeep = SesameClient.put("/api/v1/admin/keys/" + requiringKey.getString("keyId") + "/policy", siblingToken,
                Json.createObjectBuilder().add("policy", Json.createObjectBuilder().add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                        .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))
                                .add("requireDpop", true))).build());
        assertThat(selfKeep.statusCode()).as("narrowing with the requirement kept is no widening: " + selfKeep.body()).isEqualTo(200);

        // AWS credentials are bearer secrets: never vended to a key that requires DPoP
        JsonObject vendor = SesameClient.issueKey(admin, application, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("sesame:VendAwsCredentials").add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))
                        .add("requireDpop", true)).build());
        String vendorProof = proof(clientKey, "POST", "/api/v1/oauth/token", null);
        String vendorToken = Http.json(tokenRequest(vendor.getString("apiKey"), vendorProof)).getString("access_token");
        HttpResponse<String> vended = call("POST", "/api/v1/credentials/aws", "DPoP " + vendorToken, "{}",
                proof(clientKey, "POST", "/api/v1/credentials/aws", vendorToken));
        assertThat(vended.statusCode()).as(vended.body()).isEqualTo(409);
        assertThat(Http.json(vended).getString("code")).isEqualTo("dpop_required");
    }

    @Test
    @Order(4)
    void a_workload_binds_its_exchanged_token_to_its_key_when_its_trust_policy_requires_dpop() throws Exception {
        SesameClient.issueKey(admin, application, sendingPolicy(true)); // the ceiling
        RSAKey issuerKey = new RSAKeyGenerator(2048).keyID("pinned-1").generate();
        String issuer = "https://ci.example.com";
        JsonObject body = Json.createObjectBuilder()
                .add("name", "ci").add("issuer", issuer).add("audience", "sesame").add("subject", "project:billing")
                .add("jwks", json(new JWKSet(issuerKey.toPublicJWK()).toString()))
                .add("policy", sendingPolicy(true)).build();
        HttpResponse<String> created = SesameClient.post("/api/v1/admin/applications/" + application + "/trust-policies", admin, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String trustPolicy = Http.json(created).getString("keyId");
        Instant now = Instant.now();
        SignedJWT workload = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("pinned-1").build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience(List.of("sesame")).subject("project:billing")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        workload.sign(new RSASSASigner(issuerKey));
        Map<String, String> form = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "client_id", trustPolicy,
                "subject_token", workload.serialize(), "subject_token_type", "urn:ietf:params:oauth:token-type:jwt");
        HttpResponse<String> unbound = Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(SesameClient.form(form))));
        assertThat(unbound.statusCode()).as(unbound.body()).isEqualTo(400);
        assertThat(Http.json(unbound).getString("error")).isEqualTo("invalid_dpop_proof");
        HttpResponse<String> bound = Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", proof(clientKey, "POST", "/api/v1/oauth/token", null))
                .POST(HttpRequest.BodyPublishers.ofString(SesameClient.form(form))));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        assertThat(Http.json(bound).getString("token_type")).isEqualTo("DPoP");
        String token = Http.json(bound).getString("access_token");
        HttpResponse<String> who = call("GET", "/api/v1/oauth/whoami", "DPoP " + token, null, proof(clientKey, "GET", "/api/v1/oauth/whoami", token));
        assertThat(who.statusCode()).as(who.body()).isEqualTo(200);
        assertThat(Http.json(who).getJsonObject("workload").getString("sub")).isEqualTo("project:billing");
    }
}
