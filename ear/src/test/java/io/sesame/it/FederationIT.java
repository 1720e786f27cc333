package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Workload identity federation end to end (issue 19): a local OIDC issuer (discovery + JWKS on loopback, RSA keys it
 * rotates) signs GitHub-Actions-shaped tokens; a workload trades them for Sesame tokens at the token endpoint (RFC 8693)
 * and sends; every refusal is tried. Token requests come from 127.0.0.3, so that their failures count against an
 * address of their own (the token endpoint throttles failures per address) and not against the other suites'.
 */
@ExtendWith({FreshDatabase.class, SesEmulator.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {

    static final String WORKLOAD_ADDRESS = "127.0.0.3";
    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    static final String SUBJECT = "repo:acme/billing:environment:production";

    @Deployment(name = "sesame", testable = false)
    static EnterpriseArchive sesame() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sesame.ear")));
    }

    static OidcIssuer github;
    static OidcIssuer stranger;
    static String admin;
    static String application;
    static String trustPolicyId;
    static String podPolicyId;

    @BeforeAll
    static void start() throws Exception {
        github = new OidcIssuer(18093);
        stranger = new OidcIssuer(18094);
    }

    @AfterAll
    static void stop() {
        if (github != null) {
            github.close();
        }
        if (stranger != null) {
            stranger.close();
        }
    }

    /** GitHub Actions' token claims (docs: "About security hardening with OpenID Connect"), from our issuer double. */
    static JWTClaimsSet.Builder githubClaims(OidcIssuer issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuer)
                .audience("sesame")
                .subject(SUBJECT)
                .jwtID(java.util.UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(5)))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("repository", "acme/billing")
                .claim("repository_owner", "acme")
                .claim("ref", "refs/heads/main")
                .claim("environment", "production")
                .claim("workflow", "deploy")
                .claim("event_name", "push");
    }

    static RawHttp.Answer exchange(Map<String, String> form) throws Exception {
        return exchangeFrom(WORKLOAD_ADDRESS, form);
    }

    static RawHttp.Answer exchangeFrom(String address, Map<String, String> form) throws Exception {
        return RawHttp.from(address, "POST", "/api/v1/oauth/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), SesameClient.form(form));
    }

    static Map<String, String> exchangeForm(String clientId, String subjectToken) {
        return Map.of("grant_type", EXCHANGE, "client_id", clientId, "subject_token", subjectToken, "subject_token_type", JWT_TYPE);
    }

    static RawHttp.Answer exchange(String clientId, String subjectToken) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", EXCHANGE);
        form.put("client_id", clientId);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", JWT_TYPE);
        return exchange(form);
    }

    static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    static JsonObject trustBody(String issuer) {
        return Json.createObjectBuilder()
                .add("name", "deploy workflow")
                .add("issuer", issuer)
                .add("audience", "sesame")
                .add("subject", "repo:acme/billing:*")
                .add("claims", Json.createObjectBuilder().add("repository", "acme/billing").add("ref", "refs/heads/main"))
                .add("expiresInDays", 30)
                .add("policy", Json.createObjectBuilder()
                        .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                        .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))))
                .build();
    }

    @Test
    @Order(1)
    void an_admin_creates_a_trust_policy_within_the_applications_scope_and_hostile_ones_are_refused() throws Exception {
        admin = SesameClient.token(SesameClient.bootstrapKey());
        application = SesameClient.createApplication(admin, "federated");
        String path = "/api/v1/admin/applications/" + application + "/trust-policies";

        HttpResponse<String> noCeiling = SesameClient.post(path, admin, trustBody(github.issuer));
        assertThat(noCeiling.statusCode()).as("no API key of the application holds this scope yet: " + noCeiling.body()).isEqualTo(409);
        assertThat(Http.json(noCeiling).getString("code")).isEqualTo("scope_exceeds_application");

        // the ceiling: a key holding send and account for two addresses; suspended, it still serves as the ceiling
        JsonObject ceiling = SesameClient.issueKey(admin, application, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail").add("ses:GetAccount"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com")
                        .add("billing@example.com"))).build());
        assertThat(SesameClient.post("/api/v1/admin/keys/" + ceiling.getString("keyId") + "/suspend", admin, null).statusCode()).isEqualTo(200);

        JsonObject wider = Json.createObjectBuilder(trustBody(github.issuer)).add("policy", Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail").add("ses:SendBulkEmail"))).build();
        HttpResponse<String> widening = SesameClient.post(path, admin, wider);
        assertThat(widening.statusCode()).as(widening.body()).isEqualTo(409);

        Map<String, JsonObject> hostile = new LinkedHashMap<>();
        hostile.put("issuer not https", Json.createObjectBuilder(trustBody("http://10.0.0.1")).build());
        hostile.put("file issuer", Json.createObjectBuilder(trustBody("file:///etc/passwd")).build());
        hostile.put("subject trusts everyone", Json.createObjectBuilder(trustBody(github.issuer)).add("subject", "*").build());
        hostile.put("unknown field", Json.createObjectBuilder(trustBody(github.issuer)).add("subjects", "x").build());
        hostile.put("claim not a string", Json.createObjectBuilder(trustBody(github.issuer))
                .add("claims", Json.createObjectBuilder().add("repository", true)).build());
        hostile.put("both key sources", Json.createObjectBuilder(trustBody(github.issuer)).add("jwksUri", github.issuer + "/jwks")
                .add("jwks", json(github.publicKeys().toString())).build());
        RSAKey privateKey = new RSAKeyGenerator(2048).keyID("oops").generate();
        hostile.put("private key pinned", Json.createObjectBuilder(trustBody(github.issuer))
                .add("jwks", json(new JWKSet(privateKey).toString(false))).build());
        hostile.put("audience too long", Json.createObjectBuilder(trustBody(github.issuer)).add("audience", "a".repeat(501)).build());
        hostile.put("wildcard subject without an exact claim", Json.createObjectBuilder(trustBody(github.issuer))
                .add("claims", Json.createObjectBuilder().add("ref", "refs/heads/*")).build());
        hostile.put("21 claims", Json.createObjectBuilder(trustBody(github.issuer)).add("claims", manyClaims(21)).build());
        for (Map.Entry<String, JsonObject> bad : hostile.entrySet()) {
            HttpResponse<String> refused = SesameClient.post(path, admin, bad.getValue());
            assertThat(refused.statusCode()).as(bad.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain(privateKey.getPrivateExponent().toString());
        }

        HttpResponse<String> created = SesameClient.post(path, admin, trustBody(github.issuer));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject trust = Http.json(created);
        trustPolicyId = trust.getString("keyId");
        assertThat(trust.getString("credential")).isEqualTo("federated");
        assertThat(trust.getJsonObject("trust").getString("keySource")).isEqualTo("discovery");
        assertThat(trust.getJsonObject("trust").getString("subject")).isEqualTo("repo:acme/billing:*");
        assertThat(trust).doesNotContainKey("apiKey").doesNotContainKey("sigv4");
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/admin/trust-policies/" + trustPolicyId);

        HttpResponse<String> listed = SesameClient.get(path, admin);
        assertThat(Http.json(listed).getJsonArray("items")).hasSize(1);
        HttpResponse<String> one = SesameClient.get("/api/v1/admin/trust-policies/" + trustPolicyId, admin);
        assertThat(Http.json(one).getJsonObject("trust").getJsonObject("claims").getString("repository")).isEqualTo("acme/billing");
        assertThat(SesameClient.get("/api/v1/admin/trust-policies/" + ceiling.getString("keyId"), admin).statusCode())
                .as("an API key is not a trust policy").isEqualTo(404);
        JsonObject lifecycle = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=trust-policy.created&targetType=api-key&targetId="
                + trustPolicyId, admin));
        assertThat(lifecycle.getJsonArray("items")).hasSize(1);
    }

    private static JsonObject manyClaims(int n) {
        var claims = Json.createObjectBuilder();
        for (int i = 0; i < n; i++) {
            claims.add("c" + i, "v");
        }
        return claims.build();
    }

    @Test
    @Order(2)
    void a_workload_exchanges_its_oidc_token_sees_itself_and_sends_within_the_narrowed_scope() throws Exception {
        RawHttp.Answer answer = exchange(trustPolicyId, github.sign(githubClaims(github).build()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().get("cache-control")).isEqualTo("no-store");
        JsonObject issued = json(answer.body());
        assertThat(issued.getString("issued_token_type")).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(issued.getString("token_type")).isEqualTo("Bearer");
        assertThat(issued.getString("scope")).isEqualTo("ses:SendEmail");
        String token = issued.getString("access_token");

        JsonObject who = Http.json(SesameClient.get("/api/v1/oauth/whoami", token));
        assertThat(who.getJsonObject("key").getString("id")).isEqualTo(trustPolicyId);
        assertThat(who.getJsonObject("key").getString("credential")).isEqualTo("federated");
        assertThat(who.getJsonObject("application").getString("id")).isEqualTo(application);
        assertThat(who.getJsonObject("workload").getString("sub")).isEqualTo(SUBJECT);
        assertThat(who.getJsonObject("workload").getString("iss")).isEqualTo(github.issuer);
        assertThat(who.getJsonArray("permissions").getString(0)).isEqualTo("ses:SendEmail");
        assertThat(who.getJsonObject("scope").getJsonArray("fromAddresses").getString(0)).isEqualTo("noreply@example.com");

        JsonObject adminWho = Http.json(SesameClient.get("/api/v1/oauth/whoami", admin));
        assertThat(adminWho.getJsonObject("key").getString("credential")).isEqualTo("api-key");
        assertThat(adminWho).doesNotContainKey("workload");
        assertThat(adminWho.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString)).contains("sesame:ManageKeys");
        assertThat(adminWho.getJsonObject("token").getJsonNumber("expiresIn").longValue()).isPositive();
        assertThat(Http.get("/api/v1/oauth/whoami").statusCode()).as("no token").isEqualTo(401);
        assertThat(SesameClient.get("/api/v1/oauth/whoami", token + "x").statusCode()).as("a tampered token").isEqualTo(401);

        HttpResponse<String> sent = SesameClient.post("/api/v1/emails", token, json(HostileRequests.simple("noreply@example.com", "federated")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        HttpResponse<String> outside = SesameClient.post("/api/v1/emails", token, json(HostileRequests.simple("billing@example.com", "x")));
        assertThat(outside.statusCode()).as("the ceiling key's other address is not the trust policy's: " + outside.body()).isEqualTo(403);
        assertThat(SesameClient.get("/api/v1/account", token).statusCode()).as("GetAccount is the ceiling's, not the trust policy's")
                .isEqualTo(403);

        JsonObject exchanged = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=token.exchanged&targetType=access-token&targetId="
                + json(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))).getString("jti"), admin));
        assertThat(exchanged.getJsonArray("items")).hasSize(1);
        assertThat(exchanged.getJsonArray("items").getJsonObject(0).getString("detail")).contains(SUBJECT).contains(github.issuer);
        JsonObject sends = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + trustPolicyId + "&decision=allowed", admin));
        assertThat(sends.getJsonArray("items")).isNotEmpty();

        // down-scoping works as for API keys; asking for more than the trust policy holds does not
        Map<String, String> narrower = new LinkedHashMap<>(Map.of("grant_type", EXCHANGE, "client_id", trustPolicyId,
                "subject_token", github.sign(githubClaims(github).build()), "subject_token_type", JWT_TYPE, "scope", "ses:GetAccount"));
        RawHttp.Answer notHeld = exchange(narrower);
        assertThat(notHeld.status()).as(notHeld.body()).isEqualTo(400);
        assertThat(json(notHeld.body()).getString("error")).isEqualTo("invalid_scope");
    }

    @Test
    @Order(3)
    void every_way_to_get_a_token_wrongly_is_refused_and_audited() throws Exception {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("wrong issuer", stranger.sign(githubClaims(stranger).build()));
        refusals.put("stranger's key claiming the issuer", stranger.sign(githubClaims(github).build()));
        refusals.put("wrong audience", github.sign(githubClaims(github).audience("https://github.com/acme").build()));
        refusals.put("subject of another repository", github.sign(githubClaims(github)
                .subject("repo:acme/billing-fork:environment:production").build()));
        refusals.put("claim mismatch (another branch)", github.sign(githubClaims(github).claim("ref", "refs/heads/feature").build()));
        refusals.put("expired", github.sign(githubClaims(github).issueTime(Date.from(Instant.now().minusSeconds(900)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(900))).expirationTime(Date.from(Instant.now().minusSeconds(300))).build()));
        refusals.put("unsigned", Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(githubClaims(github).build().toString()) + ".");
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), githubClaims(github).build());
        hmac.sign(new MACSigner(github.publicKeys().getKeys().get(0).toRSAKey().toRSAPublicKey().getEncoded()));
        refusals.put("HMAC keyed with the issuer's public key", hmac.serialize());
        String genuine = github.sign(githubClaims(github).build());
        String[] parts = genuine.split("\\.");
        refusals.put("tampered subject", parts[0] + "." + Base64URL.encode(githubClaims(github).subject("repo:acme/billing:x").build()
                .toString()) + "." + parts[2]);
        refusals.put("not a JWT", "garbage");
        for (Map.Entry<String, String> attempt : refusals.entrySet()) {
            RawHttp.Answer refused = exchange(trustPolicyId, attempt.getValue());
            assertThat(refused.status()).as(attempt.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(json(refused.body()).getString("error")).as(attempt.getKey()).isEqualTo("invalid_grant");
            assertThat(refused.body()).as("never a token").doesNotContain("access_token");
        }
        // ten failures a minute for one trust policy from one address: the eleventh is slowed down, a genuine token is not
        RawHttp.Answer throttled = exchange(trustPolicyId, stranger.sign(githubClaims(stranger).build()));
        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(json(throttled.body()).getString("error")).isEqualTo("slow_down");
        assertThat(Long.parseLong(throttled.headers().get("retry-after"))).isBetween(1L, 60L);
        assertThat(exchange(trustPolicyId, github.sign(githubClaims(github).build())).status()).isEqualTo(200);

        RawHttp.Answer unknown = exchange("NoSuchTrustPolicy", genuine);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(401);
        assertThat(json(unknown.body()).getString("error")).isEqualTo("invalid_client");
        RawHttp.Answer tooLong = exchange("x".repeat(5000), genuine);
        assertThat(tooLong.status()).isEqualTo(401);

        Map<String, Map<String, String>> malformed = new LinkedHashMap<>();
        malformed.put("no subject_token_type", Map.of("grant_type", EXCHANGE, "client_id", trustPolicyId, "subject_token", genuine));
        malformed.put("an access token type", Map.of("grant_type", EXCHANGE, "client_id", trustPolicyId, "subject_token", genuine,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));
        malformed.put("no client_id", Map.of("grant_type", EXCHANGE, "subject_token", genuine, "subject_token_type", JWT_TYPE));
        malformed.put("a client secret", Map.of("grant_type", EXCHANGE, "client_id", trustPolicyId, "client_secret", "x",
                "subject_token", genuine, "subject_token_type", JWT_TYPE));
        malformed.put("delegation", Map.of("grant_type", EXCHANGE, "client_id", trustPolicyId, "subject_token", genuine,
                "subject_token_type", JWT_TYPE, "actor_token", genuine, "actor_token_type", JWT_TYPE));
        for (Map.Entry<String, Map<String, String>> attempt : malformed.entrySet()) {
            RawHttp.Answer refused = exchange(attempt.getValue());
            assertThat(refused.status()).as(attempt.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(json(refused.body()).getString("error")).as(attempt.getKey()).isEqualTo("invalid_request");
        }
        RawHttp.Answer otherAudience = exchange(Map.of("grant_type", EXCHANGE, "client_id", trustPolicyId, "subject_token", genuine,
                "subject_token_type", JWT_TYPE, "audience", "https://elsewhere.example"));
        assertThat(json(otherAudience.body()).getString("error")).isEqualTo("invalid_target");

        // the same key through the other door: a trust policy has no secret, so client credentials can never act as it
        String forged = io.sesame.token.control.ApiKeyFormat.withKeyId(trustPolicyId, new java.security.SecureRandom()).reveal();
        RawHttp.Answer viaSecret = exchangeFrom("127.0.0.4", Map.of("grant_type", "client_credentials", "client_id", trustPolicyId,
                "client_secret", forged));
        assertThat(viaSecret.status()).as(viaSecret.body()).isEqualTo(401);

        JsonObject invalid = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + trustPolicyId
                + "&action=oauth:token-exchange&reason=subject_token_invalid", admin));
        assertThat(invalid.getJsonArray("items")).as("refusals are call events of the trust policy's key").isNotEmpty();
        JsonObject unmet = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + trustPolicyId
                + "&action=oauth:token-exchange&reason=trust_conditions_unmet", admin));
        assertThat(unmet.getJsonArray("items")).isNotEmpty();
        assertThat(unmet.getJsonArray("items").getJsonObject(0).getString("reasonDetail")).as("naming the workload that tried")
                .contains("(subject repo:acme/");
        assertThat(unmet.getJsonArray("items").getJsonObject(0).getString("clientIp")).isEqualTo(WORKLOAD_ADDRESS);
    }

    @Test
    @Order(4)
    void the_issuer_rotates_its_key_and_sesame_fetches_the_new_one_but_not_on_every_exchange() throws Exception {
        int before = github.jwksFetches.get();
        for (int i = 0; i < 3; i++) {
            assertThat(exchange(trustPolicyId, github.sign(githubClaims(github).build())).status()).isEqualTo(200);
        }
        assertThat(github.jwksFetches.get() - before).as("keys are cached").isLessThanOrEqualTo(1);
        github.rotate();
        Thread.sleep(1100); // the IT runs allow one fetch a second per issuer (production: 30 s)
        RawHttp.Answer afterRotation = exchange(trustPolicyId, github.sign(githubClaims(github).build()));
        assertThat(afterRotation.status()).as(afterRotation.body()).isEqualTo(200);
        assertThat(github.discoveryFetches.get()).as("discovery once; the JWKS URL is remembered").isEqualTo(1);
    }

    @Test
    @Order(5)
    void suspending_or_revoking_the_trust_policy_stops_exchanges_and_its_tokens_at_once_and_it_cannot_be_rotated() throws Exception {
        String token = json(exchange(trustPolicyId, github.sign(githubClaims(github).build())).body()).getString("access_token");
        HttpResponse<String> rotate = SesameClient.post("/api/v1/admin/keys/" + trustPolicyId + "/rotate", admin, Json.createObjectBuilder().build());
        assertThat(rotate.statusCode()).as(rotate.body()).isEqualTo(409);
        assertThat(Http.json(rotate).getString("code")).isEqualTo("federated_key");

        assertThat(SesameClient.post("/api/v1/admin/keys/" + trustPolicyId + "/suspend", admin, null).statusCode()).isEqualTo(200);
        assertThat(SesameClient.get("/api/v1/oauth/whoami", token).statusCode()).isEqualTo(401);
        RawHttp.Answer suspended = exchange(trustPolicyId, github.sign(githubClaims(github).build()));
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(401);
        assertThat(json(suspended.body()).getString("error_description")).contains("suspended");
        RawHttp.Answer strangerWhileSuspended = exchangeFrom("127.0.0.5", exchangeForm(trustPolicyId, stranger.sign(githubClaims(stranger).build())));
        assertThat(strangerWhileSuspended.status()).as(strangerWhileSuspended.body()).isEqualTo(400);
        assertThat(json(strangerWhileSuspended.body()).getString("error_description")).as("no oracle of the state before proof")
                .doesNotContain("suspended");

        assertThat(SesameClient.post("/api/v1/admin/keys/" + trustPolicyId + "/reactivate", admin, null).statusCode()).isEqualTo(200);
        assertThat(exchange(trustPolicyId, github.sign(githubClaims(github).build())).status()).isEqualTo(200);
        assertThat(SesameClient.post("/api/v1/admin/keys/" + trustPolicyId + "/revoke", admin, null).statusCode()).isEqualTo(200);
        RawHttp.Answer revoked = exchange(trustPolicyId, github.sign(githubClaims(github).build()));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(json(revoked.body()).getString("error_description")).contains("revoked");
    }

    @Test
    @Order(6)
    void a_kubernetes_service_account_token_is_trusted_through_pinned_keys_without_any_fetch() throws Exception {
        RSAKey clusterKey = new RSAKeyGenerator(2048).keyID("k8s-1").generate();
        String issuer = "https://kubernetes.default.svc.cluster.local"; // unreachable from Sesame: hence pinned
        JsonObject body = Json.createObjectBuilder()
                .add("name", "mailer pod")
                .add("issuer", issuer)
                .add("audience", "sesame")
                .add("subject", "system:serviceaccount:billing:mailer")
                .add("claims", Json.createObjectBuilder().add("kubernetes.io/namespace", "billing"))
                .add("jwks", json(new JWKSet(clusterKey.toPublicJWK()).toString()))
                .add("policy", Json.createObjectBuilder().add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                        .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("billing@example.com"))))
                .build();
        HttpResponse<String> created = SesameClient.post("/api/v1/admin/applications/" + application + "/trust-policies", admin, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String podPolicy = Http.json(created).getString("keyId");
        podPolicyId = podPolicy;
        assertThat(Http.json(created).getJsonObject("trust").getString("keySource")).isEqualTo("pinned");

        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(List.of("sesame"))
                .subject("system:serviceaccount:billing:mailer")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("kubernetes.io", Map.of("namespace", "billing", "serviceaccount", Map.of("name", "mailer", "uid", "u-1")));
        SignedJWT projected = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k8s-1").build(), claims.build());
        projected.sign(new RSASSASigner(clusterKey));
        Map<String, String> form = Map.of("grant_type", EXCHANGE, "client_id", podPolicy, "subject_token", projected.serialize(),
                "subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
        RawHttp.Answer accepted = exchange(form);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        SignedJWT otherNamespace = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k8s-1").build(), claims
                .claim("kubernetes.io", Map.of("namespace", "default")).build());
        otherNamespace.sign(new RSASSASigner(clusterKey));
        RawHttp.Answer refused = exchange(podPolicy, otherNamespace.serialize());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        // the GitHub issuer's tokens are not this policy's, though the issuer is trusted by a sibling
        assertThat(exchange(podPolicy, github.sign(githubClaims(github).build())).status()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void the_portal_shows_a_trust_policy_on_its_key_page_and_marks_it_in_the_key_list() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open("/admin/login.xhtml");
            browser.type("[id='login:username']", "admin");
            browser.type("[id='login:password']", PortalIT.adminPassword());
            browser.click("[id='login:submit']");
            browser.open("/admin/key.xhtml?id=" + podPolicyId);
            assertThat(browser.text("#credential")).contains("Trust policy");
            String conditions = browser.text("#trust-conditions");
            assertThat(conditions).contains("https://kubernetes.default.svc.cluster.local").contains("system:serviceaccount:billing:mailer")
                    .contains("kubernetes.io/namespace").contains("pinned").contains("k8s-1");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("[id='actions:suspend']")))
                    .as("an active trust policy has the key actions").isNotEmpty();
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("[id='actions:rotate']")))
                    .as("no rotation for a key without a secret").isEmpty();
            browser.screenshot("trust-policy-key");
            browser.open("/admin/keys.xhtml");
            assertThat(browser.find("#keys").getText()).contains(podPolicyId).contains("trust policy");
            browser.open("/admin/key.xhtml?id=" + SesameClient.bootstrapKeyId());
            assertThat(browser.text("#credential")).contains("API key");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.id("trust-conditions"))).as("no trust panel for an API key").isEmpty();
        }
    }

    @Test
    @Order(8)
    void a_trust_policy_stays_within_its_application_when_the_ceiling_key_goes_and_cannot_be_widened_past_it() throws Exception {
        String app = SesameClient.createApplication(admin, "ceiling");
        JsonObject ceiling = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))
                        .add("maxRecipients", 10)).build());
        JsonObject body = Json.createObjectBuilder(trustBody(github.issuer)).add("policy", Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))
                        .add("maxRecipients", 5))).build();
        HttpResponse<String> created = SesameClient.post("/api/v1/admin/applications/" + app + "/trust-policies", admin, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String policyId = Http.json(created).getString("keyId");

        // wider in scope (more recipients than the ceiling allows), through the key door: refused
        JsonObject wider = Json.createObjectBuilder().add("policy", Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))
                        .add("maxRecipients", 50))).build();
        HttpResponse<String> widened = SesameClient.put("/api/v1/admin/keys/" + policyId + "/policy", admin, wider);
        assertThat(widened.statusCode()).as(widened.body()).isEqualTo(409);
        assertThat(Http.json(widened).getString("code")).isEqualTo("scope_exceeds_application");
        assertThat(exchange(policyId, github.sign(githubClaims(github).build())).status()).isEqualTo(200);

        // the ceiling goes: the trust policy's next exchange is refused, and narrowing it is still allowed
        assertThat(SesameClient.post("/api/v1/admin/keys/" + ceiling.getString("keyId") + "/revoke", admin, null).statusCode()).isEqualTo(200);
        RawHttp.Answer noCeiling = exchange(policyId, github.sign(githubClaims(github).build()));
        assertThat(noCeiling.status()).as(noCeiling.body()).isEqualTo(401);
        assertThat(json(noCeiling.body()).getString("error_description")).contains("more than any API key of its application");
        JsonObject narrower = Json.createObjectBuilder().add("policy", Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))
                        .add("maxRecipients", 1))).build();
        HttpResponse<String> narrowed = SesameClient.put("/api/v1/admin/keys/" + policyId + "/policy", admin, narrower);
        assertThat(narrowed.statusCode()).as("narrowing needs no ceiling: " + narrowed.body()).isEqualTo(200);
        JsonObject refusals = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + policyId + "&reason=scope_exceeds_application", admin));
        assertThat(refusals.getJsonArray("items")).isNotEmpty();

        SesameClient.issueKey(admin, app, Json.createObjectBuilder().add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))).build());
        assertThat(exchange(policyId, github.sign(githubClaims(github).build())).status()).as("a new ceiling").isEqualTo(200);
    }
}
