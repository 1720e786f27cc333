package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box tests of the real EAR on Payara Server, once per database (the failsafe executions it-h2 and
 * it-postgres). One deployment per run: keep adding scenarios here rather than new deploying classes.
 */
@ExtendWith({FreshDatabase.class, SesEmulator.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SesameIT {

    @Deployment(name = "sesame", order = 1, testable = false)
    static EnterpriseArchive sesame() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sesame.ear")));
    }

    static final String MP_JWT_PROBE = "/mpjwt-probe/whoami";

    /** Sesame's metrics for operators: the tests run on loopback, which the runs configure as an operator network. */
    static final String OPS_METRICS = "/api/v1/ops/metrics";

    /**
     * A downstream service secured by stock MicroProfile JWT that knows nothing of Sesame but its JWKS, issuer and
     * audience (context root /mpjwt-probe, the archive's name); the README's recipe, word for word.
     */
    @Deployment(name = "mpjwt-probe", order = 2, testable = false)
    static WebArchive mpJwtProbe() {
        String config = String.join("\n",
                "mp.jwt.verify.publickey.location=http://127.0.0.1:8080/api/v1/.well-known/jwks.json",
                "mp.jwt.verify.issuer=urn:sesame",
                "mp.jwt.verify.audiences=sesame",
                "mp.jwt.verify.clock.skew=0",
                "");
        return ShrinkWrap.create(WebArchive.class, "mpjwt-probe.war")
                .addClasses(io.sesame.it.mpjwt.ProbeApplication.class, io.sesame.it.mpjwt.WhoAmIResource.class)
                .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(config), "META-INF/microprofile-config.properties")
                // Sesame's tokens are RFC 9068 access tokens (typ at+jwt); Payara 6 accepts typ JWT only unless told so.
                .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset("disable.type.verification=true\n"),
                        "payara-mp-jwt.properties");
    }

    /** A genuine token shown to the probe at the start of the run, shown again once expired by the last test. */
    static String mpJwtEarlyToken;

    @Test
    @Order(1)
    void a_stock_microprofile_jwt_service_accepts_sesame_tokens_and_refuses_forged_ones() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "mpjwt");
        // The shortest lifetime a policy allows (60 s): the last test of the run shows the token expired.
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder(SesameClient.policy("ses:SendEmail", "ses:GetAccount"))
                .add("scope", Json.createObjectBuilder().add("tokenTtlSeconds", 60)).build());
        String apiKey = key.getString("apiKey");
        String token = SesameClient.token(apiKey);

        HttpResponse<String> accepted = SesameClient.get(MP_JWT_PROBE, token);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonObject who = Http.json(accepted);
        assertThat(who.getString("name")).as("the principal is the upn: the key id").isEqualTo(key.getString("keyId"));
        assertThat(who.getString("principal")).isEqualTo(key.getString("keyId"));
        assertThat(who.getString("issuer")).isEqualTo("urn:sesame");
        assertThat(who.getJsonArray("groups").getValuesAs(jakarta.json.JsonString::getString))
                .as("the roles are the granted permissions").containsExactly("ses:GetAccount", "ses:SendEmail");
        assertThat(who.getBoolean("inSendEmailRole")).isTrue();
        mpJwtEarlyToken = token;

        assertThat(Http.get(MP_JWT_PROBE).statusCode()).as("no token").isEqualTo(401);
        HttpResponse<String> narrowed = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials",
                "client_secret", apiKey, "scope", "ses:GetAccount"));
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        String narrow = Http.json(narrowed).getString("access_token");
        assertThat(SesameClient.get(MP_JWT_PROBE, narrow).statusCode()).as("a genuine token without the role").isEqualTo(403);

        // Forged: the narrow token widened to ses:SendEmail (a) under Sesame's signature, (b) re-signed by another P-256
        // key claiming Sesame's kid, (c) unsigned.
        String[] parts = narrow.split("\\.");
        String kid = SesameClient.header(narrow).getString("kid");
        com.nimbusds.jwt.JWTClaimsSet widened = new com.nimbusds.jwt.JWTClaimsSet.Builder(com.nimbusds.jwt.JWTClaimsSet.parse(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)))
                .claim("groups", List.of("ses:SendEmail")).claim("scope", "ses:SendEmail").build();
        String tampered = parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(widened.toString()) + "." + parts[2];
        com.nimbusds.jose.jwk.ECKey attacker = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                .keyID(kid).generate();
        com.nimbusds.jwt.SignedJWT resigned = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.ES256).keyID(kid).type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build(), widened);
        resigned.sign(new com.nimbusds.jose.crypto.ECDSASigner(attacker));
        String unsigned = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "."
                + com.nimbusds.jose.util.Base64URL.encode(widened.toString()) + ".";
        for (String forged : new String[] {tampered, resigned.serialize(), unsigned}) {
            assertThat(SesameClient.get(MP_JWT_PROBE, forged).statusCode()).as(forged).isEqualTo(401);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void the_same_sesame_token_is_refused_by_stock_microprofile_jwt_once_expired() throws Exception {
        assertThat(mpJwtEarlyToken).as("set by the first test of the run").isNotNull();
        long exp = ((JsonObject) Http.parse(new String(java.util.Base64.getUrlDecoder().decode(mpJwtEarlyToken.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8))).getJsonNumber("exp").longValue();
        long wait = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.ofEpochSecond(exp).plusMillis(1500)).toMillis();
        if (wait > 0) {
            Thread.sleep(wait); // the run usually takes minutes, so this rarely waits
        }
        HttpResponse<String> expired = SesameClient.get(MP_JWT_PROBE, mpJwtEarlyToken);
        assertThat(expired.statusCode()).as(expired.body()).isEqualTo(401);
    }

    @Test
    void readiness_is_up_once_database_answers_and_schema_is_migrated() throws Exception {
        HttpResponse<String> response = Http.get("/health/ready");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject health = Http.json(response);
        assertThat(health.getString("status")).isEqualTo("UP");
        JsonObject sesame = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("sesame")).findFirst().orElseThrow();
        assertThat(sesame.getJsonObject("data").getString("database"))
                .isEqualTo(ItEnvironment.isPostgres() ? "postgresql" : "h2");
    }

    @Test
    void unknown_paths_answer_problem_json_not_html() throws Exception {
        for (String path : new String[] {"/api/v1/no-such-thing", "/api/no-such-thing"}) {
            HttpResponse<String> response = Http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            JsonObject problem = Http.json(response);
            assertThat(problem.getString("type")).isEqualTo("about:blank");
            assertThat(problem.getString("title")).isEqualTo("Not Found");
            assertThat(problem.getInt("status")).isEqualTo(404);
            assertThat(problem.getString("detail")).contains(path);
            assertThat(problem.getString("requestId")).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("<html");
        }
    }

    @Test
    void wrong_method_answers_405_problem() throws Exception {
        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/v1"))
                .DELETE());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Http.json(response).getString("detail")).contains("DELETE");
    }

    @Test
    void api_index_links_to_openapi_health_and_metrics() throws Exception {
        HttpResponse<String> response = Http.get("/api/v1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).getJsonObject("links").getString("openapi")).isEqualTo("/openapi");

        HttpResponse<String> openapi = Http.get("/openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("Sesame API").contains("/v1");

        HttpResponse<String> metrics = Http.get(OPS_METRICS);
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    @Test
    void admin_portal_is_served_at_admin_behind_a_sign_in() throws Exception {
        HttpResponse<String> response = Http.get("/admin/index.xhtml");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/admin/login.xhtml");
        HttpResponse<String> login = Http.get("/admin/login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Sign in");
    }

    @Test
    void first_start_bootstraps_an_admin_and_a_key_and_writes_only_generated_secrets_owner_only() throws Exception {
        Path file = ItEnvironment.dataDir().resolve("bootstrap-credentials.properties");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            credentials.load(in);
        }
        assertThat(credentials.getProperty("api.key")).startsWith("sesame_").hasSize(53);
        assertThat(credentials.getProperty("api.key")).contains(credentials.getProperty("api.key.id"));
        if (ItEnvironment.isPostgres()) {
            // The admin password came from SESAME_BOOTSTRAP_ADMIN_PASSWORD: it must not be written out.
            assertThat(credentials.getProperty("admin.password")).isNull();
            assertThat(Files.readString(file)).doesNotContain(System.getProperty("sesame.it.admin.password"));
            assertStoredAsHashesOnly(credentials.getProperty("api.key"));
        } else {
            assertThat(credentials.getProperty("admin.username")).isEqualTo("admin");
            assertThat(credentials.getProperty("admin.password")).hasSizeGreaterThanOrEqualTo(24);
            assertThat(ItEnvironment.dataDir().resolve("db/sesame.mv.db")).exists();
        }
    }

    /** PostgreSQL can be read beside the running server: neither secret is in the database in plaintext. */
    private static void assertStoredAsHashesOnly(String apiKey) throws Exception {
        try (Connection c = ItEnvironment.openPostgres(); Statement s = c.createStatement()) {
            String schema = ItEnvironment.postgresSchema();
            // the bootstrap key's row by its id: other test classes of the run (in any order) add and revoke keys of their own
            String keyId = apiKey.substring("sesame_".length(), "sesame_".length() + 12);
            try (ResultSet rs = s.executeQuery("select secret_hash, status from " + schema + ".api_key where id = '" + keyId + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).matches("[0-9a-f]{64}").isNotEqualTo(apiKey);
                assertThat(rs.getString(2)).isEqualTo("ACTIVE");
            }
            try (ResultSet rs = s.executeQuery("select password_hash from " + schema + ".admin_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PBKDF2WithHmacSHA512:210000:")
                        .doesNotContain(System.getProperty("sesame.it.admin.password"));
            }
            try (ResultSet rs = s.executeQuery("select count(*) from " + schema + ".lifecycle_event where actor = 'system:bootstrap'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    // ---- Token lifecycle -------------------------------------------------------------------------------

    @Test
    void bootstrap_key_trades_for_an_rfc9068_access_token_that_payara_mp_jwt_accepts() throws Exception {
        HttpResponse<String> response = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials",
                "client_secret", SesameClient.bootstrapKey()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonObject body = Http.json(response);
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        assertThat(body.getInt("expires_in")).isBetween(290, 300);
        assertThat(body.getString("scope")).contains("sesame:ManageKeys").doesNotContain("ses:SendEmail");
        String token = body.getString("access_token");
        JsonObject header = SesameClient.header(token);
        assertThat(header.getString("typ")).isEqualTo("at+jwt");
        assertThat(header.getString("alg")).isEqualTo("ES256");
        HttpResponse<String> jwks = Http.get("/api/v1/.well-known/jwks.json");
        assertThat(jwks.body()).contains(header.getString("kid")).doesNotContain("\"d\"");

        assertThat(SesameClient.get("/api/v1/admin/applications", token).statusCode()).isEqualTo(200);
        // Basic authentication works too.
        String keyId = SesameClient.bootstrapCredentials().getProperty("api.key.id");
        assertThat(SesameClient.tokenRequestBasic(keyId, SesameClient.bootstrapKey()).statusCode()).isEqualTo(200);
    }

    @Test
    void exchange_call_revoke_then_the_very_next_call_is_refused() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "revoke");
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("sesame:ManageApplications"));
        assertThat(key.getString("apiKey")).startsWith("sesame_").contains(key.getString("keyId"));
        assertThat(key.getInt("policyVersion")).isEqualTo(1);

        String token = SesameClient.token(key.getString("apiKey"));
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app, token).statusCode()).isEqualTo(200);
        // The key lacks ManageKeys: 403 naming the permission.
        HttpResponse<String> forbidden = SesameClient.get("/api/v1/admin/keys", token);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Http.json(forbidden).getString("code")).isEqualTo("permission_missing");

        HttpResponse<String> revoked = SesameClient.post("/api/v1/admin/keys/" + key.getString("keyId") + "/revoke", admin, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(Http.json(revoked).getString("status")).isEqualTo("revoked");

        HttpResponse<String> next = SesameClient.get("/api/v1/admin/applications/" + app, token);
        assertThat(next.statusCode()).isEqualTo(401);
        assertThat(Http.json(next).getString("detail")).contains("revoked");
        assertThat(next.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");

        HttpResponse<String> again = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials",
                "client_secret", key.getString("apiKey")));
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(Http.json(again).getString("error")).isEqualTo("invalid_client");
        assertThat(Http.json(again).getString("error_description")).contains("revoked");
        // Listing keys never shows a secret.
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app + "/keys", admin).body())
                .doesNotContain(key.getString("apiKey")).doesNotContain("apiKey");
    }

    @Test
    void rotation_keeps_the_old_key_during_grace_and_reuse_afterwards_revokes_the_family() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "rotate");
        JsonObject first = SesameClient.issueKey(admin, app, SesameClient.policy("sesame:ManageApplications"));
        HttpResponse<String> rotated = SesameClient.post("/api/v1/admin/keys/" + first.getString("keyId") + "/rotate",
                admin, Json.createObjectBuilder().add("graceSeconds", 3).build());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        JsonObject second = Http.json(rotated);
        assertThat(second.getString("rotatedFrom")).isEqualTo(first.getString("keyId"));

        SesameClient.token(first.getString("apiKey"));   // within grace: still works
        String secondToken = SesameClient.token(second.getString("apiKey"));
        Thread.sleep(3500);

        HttpResponse<String> reuse = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials",
                "client_secret", first.getString("apiKey")));
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(Http.json(reuse).getString("error_description")).contains("rotated");
        // Reuse detection revoked the whole family, the new key too, and its tokens.
        JsonObject secondNow = Http.json(SesameClient.get("/api/v1/admin/keys/" + second.getString("keyId"), admin));
        assertThat(secondNow.getString("status")).isEqualTo("revoked");
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app, secondToken).statusCode()).isEqualTo(401);
    }

    @Test
    void a_rotated_key_suspended_and_reactivated_after_its_grace_stays_retired_and_its_reuse_ends_the_family() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "rotate-suspend");
        JsonObject first = SesameClient.issueKey(admin, app, SesameClient.policy("sesame:ManageApplications"));
        String firstId = first.getString("keyId");
        JsonObject second = Http.json(SesameClient.post("/api/v1/admin/keys/" + firstId + "/rotate", admin,
                Json.createObjectBuilder().add("graceSeconds", 2).build()));
        assertThat(SesameClient.post("/api/v1/admin/keys/" + firstId + "/suspend", admin, null).statusCode()).isEqualTo(200);
        Thread.sleep(2500);
        HttpResponse<String> reactivated = SesameClient.post("/api/v1/admin/keys/" + firstId + "/reactivate", admin, null);
        assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
        assertThat(Http.json(reactivated).getString("status")).as("still rotated out, not active again")
                .isEqualTo("rotated-in-grace");

        HttpResponse<String> reuse = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials",
                "client_secret", first.getString("apiKey")));
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(Http.json(reuse).getString("error_description")).contains("rotated");
        assertThat(Http.json(SesameClient.get("/api/v1/admin/keys/" + second.getString("keyId"), admin)).getString("status"))
                .as("presenting the retired secret is reuse: the family is revoked").isEqualTo("revoked");
        assertThat(SesameClient.get("/api/v1/admin/audit/lifecycle?targetType=api-key&targetId=" + firstId, admin).body())
                .contains("key.reactivated").contains("key.reuse-detected");
    }

    @Test
    void a_key_manager_cannot_mint_administrators_nor_widen_its_own_application() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String home = SesameClient.createApplication(admin, "escalation-home");
        String other = SesameClient.createApplication(admin, "escalation-other");
        JsonObject manager = SesameClient.issueKey(admin, home, SesameClient.policy("sesame:ManageKeys", "ses:SendEmail"));
        String token = SesameClient.token(manager.getString("apiKey"));

        HttpResponse<String> adminKey = issue(token, other, "sesame:ManageKeys");
        assertThat(adminKey.statusCode()).as(adminKey.body()).isEqualTo(403);
        assertThat(Http.json(adminKey).getString("code")).isEqualTo("grant_exceeds_actor");
        assertThat(Http.json(adminKey).getString("detail")).contains("sesame:ManageAdmins").contains("(audit ");
        assertThat(issue(token, other, "ses:SendEmail", "sesame:VendAwsCredentials").statusCode()).isEqualTo(403);
        assertThat(issue(token, other, "ses:SendEmail", "ses:GetAccount").statusCode()).as("SES actions, elsewhere: fine").isEqualTo(201);

        HttpResponse<String> twin = issue(token, home, "ses:SendEmail");
        assertThat(twin.statusCode()).as(twin.body()).isEqualTo(403);
        assertThat(Http.json(twin).getString("code")).isEqualTo("self_escalation");
        JsonObject narrowed = SesameClient.issueKey(admin, home, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@example.com"))).build());
        HttpResponse<String> widened = SesameClient.put("/api/v1/admin/keys/" + narrowed.getString("keyId") + "/policy", token,
                Json.createObjectBuilder().add("policy", SesameClient.policy("ses:SendEmail")).build());
        assertThat(widened.statusCode()).as("lifting a sibling's From scope").isEqualTo(403);
        assertThat(Http.json(widened).getString("code")).isEqualTo("self_escalation");

        // A rotation hands over a new secret with the old key's policy: rotating the bootstrap key would be a grant of
        // everything, rotating a sibling would be taking its secret.
        HttpResponse<String> rotateAdmin = SesameClient.post("/api/v1/admin/keys/" + SesameClient.bootstrapKeyId() + "/rotate", token,
                Json.createObjectBuilder().add("graceSeconds", 0).build());
        assertThat(rotateAdmin.statusCode()).as(rotateAdmin.body()).isEqualTo(403);
        assertThat(Http.json(rotateAdmin).getString("code")).isEqualTo("grant_exceeds_actor");
        HttpResponse<String> rotateSibling = SesameClient.post("/api/v1/admin/keys/" + narrowed.getString("keyId") + "/rotate", token,
                Json.createObjectBuilder().add("graceSeconds", 0).build());
        assertThat(Http.json(rotateSibling).getString("code")).isEqualTo("self_escalation");
        assertThat(SesameClient.get("/api/v1/admin/applications", admin).statusCode()).as("the bootstrap key untouched").isEqualTo(200);
        assertThat(SesameClient.post("/api/v1/admin/keys/" + narrowed.getString("keyId") + "/suspend", admin, null).statusCode()).isEqualTo(200);
        HttpResponse<String> lift = SesameClient.post("/api/v1/admin/keys/" + narrowed.getString("keyId") + "/reactivate", token, null);
        assertThat(Http.json(lift).getString("code")).as("a suspension in its own application is for someone else to lift")
                .isEqualTo("self_escalation");

        JsonObject refusals = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + manager.getString("keyId")
                + "&decision=denied", admin));
        assertThat(refusals.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("reasonCodes")).toList())
                .as("each refusal is a call event of the key that tried").contains("escalation_refused");
    }

    private static HttpResponse<String> issue(String token, String applicationId, String... permissions) throws Exception {
        return SesameClient.post("/api/v1/admin/applications/" + applicationId + "/keys", token, Json.createObjectBuilder()
                .add("name", "grant-test").add("policy", SesameClient.policy(permissions)).build());
    }

    @Test
    void down_scoping_and_oauth_errors_follow_rfc_6749() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "scope");
        JsonObject key = SesameClient.issueKey(admin, app,
                SesameClient.policy("sesame:ManageApplications", "sesame:Introspect", "ses:SendEmail"));
        String apiKey = key.getString("apiKey");

        HttpResponse<String> narrowed = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials",
                "client_secret", apiKey, "scope", "ses:SendEmail"));
        assertThat(Http.json(narrowed).getString("scope")).isEqualTo("ses:SendEmail");
        String narrowToken = Http.json(narrowed).getString("access_token");
        assertThat(SesameClient.get("/api/v1/admin/applications", narrowToken).statusCode()).isEqualTo(403);

        assertOAuthError(Map.of("grant_type", "client_credentials", "client_secret", apiKey, "scope", "sesame:ManageKeys"),
                400, "invalid_scope", "does not hold");
        assertOAuthError(Map.of("grant_type", "password", "client_secret", apiKey), 400, "unsupported_grant_type", "client_credentials");
        assertOAuthError(Map.of("client_secret", apiKey), 400, "invalid_request", "grant_type");
        String typo = apiKey.substring(0, 20) + (apiKey.charAt(20) == 'a' ? 'b' : 'a') + apiKey.substring(21);
        assertOAuthError(Map.of("grant_type", "client_credentials", "client_secret", typo), 401, "invalid_client", "checksum");
        String unknown = io.sesame.token.control.ApiKeyFormat.generate(new java.security.SecureRandom()).reveal();
        assertOAuthError(Map.of("grant_type", "client_credentials", "client_secret", unknown), 401, "invalid_client", "unknown or invalid");
    }

    private static void assertOAuthError(Map<String, String> form, int status, String error, String description)
            throws Exception {
        HttpResponse<String> response = SesameClient.tokenRequest(form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.json(response).getString("error")).isEqualTo(error);
        assertThat(Http.json(response).getString("error_description")).contains(description);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void forged_tokens_are_rejected() throws Exception {
        String good = SesameClient.token(SesameClient.bootstrapKey());
        String kid = SesameClient.header(good).getString("kid");
        String[] parts = good.split("\\.");
        // alg: none with the real claims
        String none = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".";
        // the real claims signed by another EC key claiming the real kid
        com.nimbusds.jose.jwk.ECKey attacker = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                .keyID(kid).generate();
        com.nimbusds.jwt.SignedJWT forged = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256).keyID(kid)
                        .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build(),
                com.nimbusds.jwt.JWTClaimsSet.parse(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))));
        forged.sign(new com.nimbusds.jose.crypto.ECDSASigner(attacker));
        // HS256 "signed" with the public JWK as the HMAC secret (key confusion)
        String jwks = Http.get("/api/v1/.well-known/jwks.json").body();
        byte[] secret = jwks.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.nimbusds.jwt.SignedJWT hs = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.HS256).keyID(kid).build(),
                com.nimbusds.jwt.JWTClaimsSet.parse(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))));
        hs.sign(new com.nimbusds.jose.crypto.MACSigner(java.util.Arrays.copyOf(secret, Math.max(32, secret.length))));
        // a tampered payload keeping the real signature
        String tampered = parts[0] + "." + b64(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"sesame:Introspect\"", "\"ses:SendEmail\"")) + "." + parts[2];

        for (String token : new String[] {none, forged.serialize(), hs.serialize(), tampered, "not-a-jwt"}) {
            HttpResponse<String> response = SesameClient.get("/api/v1/admin/applications", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.body()).doesNotContain("Exception");
        }
        assertThat(SesameClient.get("/api/v1/admin/applications", good).statusCode()).isEqualTo(200);
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void introspection_and_self_revocation_of_an_access_token() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "introspect");
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("sesame:ManageApplications"))
                .add("scope", Json.createObjectBuilder().add("ipAllow", Json.createArrayBuilder().add("127.0.0.0/8")))
                .build());
        String token = SesameClient.token(key.getString("apiKey"));

        JsonObject active = Http.json(SesameClient.postForm("/api/v1/oauth/introspect", admin, Map.of("token", token)));
        assertThat(active.getBoolean("active")).isTrue();
        assertThat(active.getString("client_id")).isEqualTo(key.getString("keyId"));
        assertThat(active.getString("sub")).isEqualTo(app);
        // Introspection needs sesame:Introspect.
        assertThat(SesameClient.postForm("/api/v1/oauth/introspect", token, Map.of("token", token)).statusCode()).isEqualTo(403);

        assertThat(SesameClient.postForm("/api/v1/oauth/revoke", null, Map.of("token", token)).statusCode()).isEqualTo(200);
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app, token).statusCode()).isEqualTo(401);
        assertThat(Http.json(SesameClient.postForm("/api/v1/oauth/introspect", admin, Map.of("token", token)))
                .getBoolean("active")).isFalse();
        // The key itself still works: only that token was revoked.
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app, SesameClient.token(key.getString("apiKey")))
                .statusCode()).isEqualTo(200);
        // RFC 7009: unknown tokens are not an error.
        assertThat(SesameClient.postForm("/api/v1/oauth/revoke", null, Map.of("token", "garbage")).statusCode()).isEqualTo(200);
    }

    @Test
    void policy_change_is_a_new_version_and_retires_tokens_minted_under_the_old_one() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "policy");
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("sesame:ManageApplications"));
        String oldToken = SesameClient.token(key.getString("apiKey"));

        HttpResponse<String> invalid = SesameClient.put("/api/v1/admin/keys/" + key.getString("keyId") + "/policy", admin,
                Json.createObjectBuilder().add("policy", Json.createObjectBuilder()
                        .add("permissions", Json.createArrayBuilder().add("sesame:ManageApplications"))
                        .add("scope", Json.createObjectBuilder().add("ipAllow", Json.createArrayBuilder().add("10.0.0.0/33"))))
                        .build());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Http.json(invalid).getString("detail")).contains("policy.scope.ipAllow[0]");

        // The portal's own administration is never a key's, whichever door asks.
        HttpResponse<String> portalOnly = SesameClient.put("/api/v1/admin/keys/" + key.getString("keyId") + "/policy", admin,
                Json.createObjectBuilder().add("policy", Json.createObjectBuilder()
                        .add("permissions", Json.createArrayBuilder().add("sesame:ManageApplications").add("sesame:ManagePortalUsers")))
                        .build());
        assertThat(portalOnly.statusCode()).as(portalOnly.body()).isEqualTo(400);
        assertThat(Http.json(portalOnly).getString("code")).isEqualTo("invalid_policy");
        assertThat(SesameClient.post("/api/v1/admin/applications/" + app + "/keys", admin, Json.createObjectBuilder()
                .add("name", "portal-admin-maker").add("policy", Json.createObjectBuilder()
                        .add("permissions", Json.createArrayBuilder().add("sesame:ManagePortalUsers"))).build()).statusCode())
                .isEqualTo(400);

        HttpResponse<String> changed = SesameClient.put("/api/v1/admin/keys/" + key.getString("keyId") + "/policy", admin,
                Json.createObjectBuilder().add("policy", Json.createObjectBuilder()
                        .add("permissions", Json.createArrayBuilder().add("sesame:ManageApplications"))
                        .add("scope", Json.createObjectBuilder().add("ipAllow", Json.createArrayBuilder().add("127.0.0.0/8").add("::1"))))
                        .build());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(Http.json(changed).getInt("policyVersion")).isEqualTo(2);
        HttpResponse<String> stale = SesameClient.get("/api/v1/admin/applications/" + app, oldToken);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(Http.json(stale).getString("detail")).contains("policy has changed");
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app, SesameClient.token(key.getString("apiKey")))
                .statusCode()).isEqualTo(200);

        // A key pinned to another network is refused from here.
        SesameClient.put("/api/v1/admin/keys/" + key.getString("keyId") + "/policy", admin,
                Json.createObjectBuilder().add("policy", Json.createObjectBuilder()
                        .add("permissions", Json.createArrayBuilder().add("sesame:ManageApplications"))
                        .add("scope", Json.createObjectBuilder().add("ipAllow", Json.createArrayBuilder().add("192.0.2.0/24"))))
                        .build());
        assertOAuthError(Map.of("grant_type", "client_credentials", "client_secret", key.getString("apiKey")),
                401, "invalid_client", "address");
    }

    @Test
    void x_forwarded_for_is_honoured_only_from_a_trusted_proxy_and_only_its_right_most_untrusted_hop() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ItEnvironment.database().equals("h2"), "the H2 run trusts 127.0.0.2 as a proxy");
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "proxy");
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("sesame:ManageApplications"))
                .add("scope", Json.createObjectBuilder().add("ipAllow", Json.createArrayBuilder().add("198.51.100.0/24"))).build());
        String form = SesameClient.form(Map.of("grant_type", "client_credentials", "client_secret", key.getString("apiKey")));
        // the proxy terminates TLS and says so (this run redirects plain HTTP of remote clients to HTTPS)
        Map<String, String> claimsOffice = Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", "198.51.100.7",
                "X-Forwarded-Proto", "https");

        RawHttp.Answer direct = RawHttp.from("127.0.0.1", "POST", "/api/v1/oauth/token", claimsOffice, form);
        assertThat(direct.status()).as("a client that is not a trusted proxy names itself in vain: " + direct.body()).isEqualTo(401);
        assertThat(direct.body()).contains("address");

        RawHttp.Answer proxied = RawHttp.from("127.0.0.2", "POST", "/api/v1/oauth/token", claimsOffice, form);
        assertThat(proxied.status()).as("through the trusted proxy the client is the address it saw: " + proxied.body()).isEqualTo(200);
        String token = ((JsonObject) Http.parse(proxied.body())).getString("access_token");
        RawHttp.Answer notPermitted = RawHttp.from("127.0.0.2", "GET", "/api/v1/admin/keys", Map.of("Authorization", "Bearer " + token,
                "X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "https"), null);
        assertThat(notPermitted.status()).as("a refusal the audit records, from the proxied client").isEqualTo(403);

        RawHttp.Answer spoofed = RawHttp.from("127.0.0.2", "POST", "/api/v1/oauth/token", Map.of("Content-Type",
                "application/x-www-form-urlencoded", "X-Forwarded-For", "198.51.100.7, 203.0.113.5", "X-Forwarded-Proto", "https"), form);
        assertThat(spoofed.status()).as("what the client wrote left of the proxy's entry proves nothing").isEqualTo(401);

        RawHttp.Answer garbage = RawHttp.from("127.0.0.2", "POST", "/api/v1/oauth/token", Map.of("Content-Type",
                "application/x-www-form-urlencoded", "X-Forwarded-For", "198.51.100.7, not-an-address", "X-Forwarded-Proto", "https"), form);
        RawHttp.Answer plainHttp = RawHttp.from("127.0.0.2", "POST", "/api/v1/oauth/token?x=1", Map.of("Content-Type",
                "application/x-www-form-urlencoded", "X-Forwarded-For", "198.51.100.7"), form);
        assertThat(plainHttp.status()).as("a remote client on plain HTTP is sent to HTTPS (sesame.http.https-redirect-port)").isEqualTo(308);
        assertThat(plainHttp.header("Location")).isEqualTo("https://localhost:8181/api/v1/oauth/token?x=1");
        RawHttp.Answer portalPlain = RawHttp.from("127.0.0.2", "GET", "/admin/login.xhtml", Map.of("X-Forwarded-For", "198.51.100.7"), null);
        assertThat(portalPlain.status()).as("the portal too, before any sign-in").isEqualTo(308);
        assertThat(Http.get("/api/v1").statusCode()).as("loopback clients stay on plain HTTP (local tools)").isEqualTo(200);
        assertThat(garbage.status()).as("an unreadable hop is unknown, never the proxy").isEqualTo(401);

        for (String ip : List.of("127.0.0.1", "198.51.100.7", "203.0.113.5", "unknown")) {
            JsonObject calls = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + key.getString("keyId") + "&ip=" + ip, admin));
            assertThat(calls.getJsonArray("items")).as("the audit names the client " + ip).isNotEmpty();
        }
    }

    @Test
    void metrics_and_readiness_reasons_are_for_operator_networks_or_the_ops_token_only() throws Exception {
        HttpResponse<String> payara = Http.get("/metrics");
        assertThat(payara.statusCode()).as("Payara's own /metrics: only over HTTPS, " + payara.body()).isEqualTo(302);
        javax.net.ssl.HttpsURLConnection secured = Http.openTestHttps(payara.headers().firstValue("Location").orElseThrow());
        try {
            assertThat(secured.getResponseCode()).as("and closed there (a role no one has)").isEqualTo(401);
        } finally {
            secured.disconnect();
        }
        HttpResponse<String> local = Http.get(OPS_METRICS);
        assertThat(local.statusCode()).as("loopback is an operator network in these runs (SESAME_OPS_NETWORKS)").isEqualTo(200);
        assertThat(local.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(local.body()).contains("# TYPE sesame_calls_total counter").contains("mp_scope=\"application\"")
                .containsPattern("(?m)^memory_usedHeap_bytes\\{mp_scope=\"base\"\\} \\d+$");
        JsonObject ready = Http.json(Http.get("/api/v1/ops/ready"));
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getJsonObject("data").getString("database")).isEqualTo(ItEnvironment.isPostgres() ? "postgresql" : "h2");

        org.junit.jupiter.api.Assumptions.assumeTrue(ItEnvironment.database().equals("h2"), "the H2 run trusts 127.0.0.2 as a proxy");
        Map<String, String> outsider = Map.of("X-Forwarded-For", "203.0.113.50", "X-Forwarded-Proto", "https");
        for (String path : List.of(OPS_METRICS, "/api/v1/ops/ready")) {
            RawHttp.Answer remote = RawHttp.from("127.0.0.2", "GET", path, outsider, null);
            assertThat(remote.status()).as("a client outside the operator networks, through the proxy: " + remote.body()).isEqualTo(403);
            assertThat(remote.body()).contains("ops_restricted").doesNotContain("sesame_calls_total");
            RawHttp.Answer wrongToken = RawHttp.from("127.0.0.2", "GET", path, Map.of("X-Forwarded-For", "203.0.113.50",
                    "X-Forwarded-Proto", "https", "Authorization", "Bearer " + System.getProperty("sesame.it.ops.token") + "x"), null);
            assertThat(wrongToken.status()).isEqualTo(403);
            String admin = SesameClient.token(SesameClient.bootstrapKey());
            RawHttp.Answer apiToken = RawHttp.from("127.0.0.2", "GET", path, Map.of("X-Forwarded-For", "203.0.113.50",
                    "X-Forwarded-Proto", "https", "Authorization", "Bearer " + admin), null);
            assertThat(apiToken.status()).as("an API access token, even an admin's, is not the operator token").isEqualTo(403);
            RawHttp.Answer scraper = RawHttp.from("127.0.0.2", "GET", path, Map.of("X-Forwarded-For", "203.0.113.50",
                    "X-Forwarded-Proto", "https", "Authorization", "Bearer " + System.getProperty("sesame.it.ops.token")), null);
            assertThat(scraper.status()).as("the ops token admits from anywhere: " + scraper.body()).isEqualTo(200);
        }
        RawHttp.Answer untrustedProxy = RawHttp.from("127.0.0.1", "GET", OPS_METRICS, Map.of("X-Forwarded-For", "203.0.113.50"), null);
        assertThat(untrustedProxy.status()).as("forwarded by a proxy Sesame does not trust (a sidecar, a forgotten nginx): "
                + "the loopback peer is not the client").isEqualTo(403);
        RawHttp.Answer proxyItself = RawHttp.from("127.0.0.2", "GET", OPS_METRICS, Map.of(), null);
        assertThat(proxyItself.status()).as("a trusted proxy naming no client is no operator").isEqualTo(403);
    }

    @Test
    void suspended_application_cannot_get_tokens_and_its_tokens_stop_working() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "suspend");
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("sesame:ManageApplications"));
        String token = SesameClient.token(key.getString("apiKey"));
        assertThat(SesameClient.post("/api/v1/admin/applications/" + app + "/suspend", admin, null).statusCode()).isEqualTo(200);
        assertThat(SesameClient.get("/api/v1/admin/applications", token).statusCode()).isEqualTo(401);
        assertOAuthError(Map.of("grant_type", "client_credentials", "client_secret", key.getString("apiKey")),
                401, "invalid_client", "application is suspended");
        HttpResponse<String> duplicate = SesameClient.post("/api/v1/admin/applications", admin,
                Json.createObjectBuilder().add("name", "sesame-bootstrap").add("owner", "x").build());
        assertThat(duplicate.statusCode()).isEqualTo(409);
        HttpResponse<String> missing = SesameClient.get("/api/v1/admin/applications/app_nope", admin);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.json(missing).getString("code")).isEqualTo("not_found");
    }

    @Test
    void signing_key_rotation_takes_effect_without_restart() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String oldKid = SesameClient.header(admin).getString("kid");
        HttpResponse<String> rotated = SesameClient.post("/api/v1/admin/signing-keys/rotate", admin, null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonObject next = Http.json(rotated);
        String newKid = next.getString("kid");
        assertThat(newKid).isNotEqualTo(oldKid);
        // Published at once, signing only after the JWKS cache period (2 s in the tests, plus margin).
        assertThat(Http.get("/api/v1/.well-known/jwks.json").body()).contains(oldKid).contains(newKid);
        java.time.Instant activatesAt = java.time.Instant.parse(next.getString("activatesAt"));
        Thread.sleep(Math.max(0, java.time.Duration.between(java.time.Instant.now(), activatesAt).toMillis()) + 1000);

        String fresh = SesameClient.token(SesameClient.bootstrapKey());
        assertThat(SesameClient.header(fresh).getString("kid")).isEqualTo(newKid);
        assertThat(SesameClient.get("/api/v1/admin/applications", fresh).statusCode()).isEqualTo(200);
        // Tokens signed by the retired key stay valid until they expire.
        assertThat(SesameClient.get("/api/v1/admin/applications", admin).statusCode()).isEqualTo(200);
    }

    @Test
    void an_emergency_signing_key_revocation_refuses_every_token_it_signed_on_the_next_request() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String kid = SesameClient.header(admin).getString("kid");
        String app = SesameClient.createApplication(admin, "leaked-signing-key");
        String victim = SesameClient.token(SesameClient.issueKey(admin, app, SesameClient.policy("sesame:ManageApplications"))
                .getString("apiKey"));
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app, victim).statusCode()).as("verified and cached").isEqualTo(200);

        assertThat(SesameClient.post("/api/v1/admin/signing-keys/" + kid + "/revoke", victim, null).statusCode())
                .as("a key without sesame:ManageKeys").isEqualTo(403);
        HttpResponse<String> unknown = SesameClient.post("/api/v1/admin/signing-keys/sk-" + "x".repeat(300) + "/revoke", admin, null);
        assertThat(unknown.statusCode()).as("an unknown, over-long kid: nothing revoked").isEqualTo(404);
        assertThat(Http.json(unknown).getString("code")).isEqualTo("not_found");
        HttpResponse<String> revoked = SesameClient.post("/api/v1/admin/signing-keys/" + kid + "/revoke", admin, null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app, victim).statusCode())
                .as("a token it signed, even one verified before").isEqualTo(401);
        assertThat(SesameClient.get("/api/v1/admin/applications", admin).statusCode()).isEqualTo(401);
        assertThat(Http.get("/api/v1/.well-known/jwks.json").body()).doesNotContain(kid);

        String fresh = SesameClient.token(SesameClient.bootstrapKey());
        assertThat(SesameClient.header(fresh).getString("kid")).as("a new key signs at once").isNotEqualTo(kid);
        assertThat(SesameClient.get("/api/v1/admin/applications/" + app, fresh).statusCode()).isEqualTo(200);
        assertThat(SesameClient.post("/api/v1/admin/signing-keys/" + kid + "/revoke", fresh, null).statusCode())
                .as("gone").isEqualTo(404);
        assertThat(Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=signing-key.revoked&targetType=signing-key&targetId="
                + kid, fresh)).getJsonArray("items")).hasSize(1);
    }

    @Test
    void hygiene_warns_about_keys_close_to_expiry_once() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "hygiene");
        HttpResponse<String> issued = SesameClient.post("/api/v1/admin/applications/" + app + "/keys", admin,
                Json.createObjectBuilder().add("name", "short-lived").add("expiresInDays", 1)
                        .add("policy", SesameClient.policy("ses:SendEmail")).build());
        String keyId = Http.json(issued).getString("keyId");

        String first = SesameClient.post("/api/v1/admin/keys/hygiene", admin, null).body();
        assertThat(first).contains(keyId).contains("key.expiring").contains("within 1 day");
        String second = SesameClient.post("/api/v1/admin/keys/hygiene", admin, null).body();
        assertThat(second).doesNotContain(keyId);
        HttpResponse<String> tooLong = SesameClient.post("/api/v1/admin/applications/" + app + "/keys", admin,
                Json.createObjectBuilder().add("name", "x").add("expiresInDays", 91)
                        .add("policy", SesameClient.policy("ses:SendEmail")).build());
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Http.json(tooLong).getString("detail")).contains("expiresInDays");
    }

    // ---- Sending gateway ------------------------------------------------------------------------------

    /** An application with a key scoped for sending; returns a token for it. */
    private static String senderToken(String admin, String scopeJson) throws Exception {
        String app = SesameClient.createApplication(admin, "sender");
        JsonObject policy = Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", (JsonObject) Http.parse(scopeJson.replace('\'', '"')))
                .build();
        return SesameClient.token(SesameClient.issueKey(admin, app, policy).getString("apiKey"));
    }

    private static HttpResponse<String> sendEmail(String token, String json, String idempotencyKey) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(Http.uri("/api/v1/emails"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json.replace('\'', '"')));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return Http.send(request);
    }

    @Test
    void an_allowed_email_is_sent_and_audited_and_a_denied_one_names_its_reason() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String token = senderToken(admin, "{'fromAddresses':['noreply@example.com','@example.org'],'maxRecipients':3,"
                + "'recipientDomainsDeny':['blocked.example'],'configurationSet':'transactional'}");

        HttpResponse<String> sent = sendEmail(token, "{'from':'Acme <noreply@example.com>','to':['ada@example.net'],"
                + "'cc':['success@simulator.amazonses.com'],'subject':'Welcome','text':'Hello Ada','html':'<p>Hello Ada</p>'}", null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String messageId = Http.json(sent).getString("messageId");
        assertThat(Http.json(sent).getString("auditId")).isNotBlank();
        JsonObject stored = Outbox.find(admin, messageId);
        assertThat(stored).as("sent message %s", messageId).isNotNull();
        assertThat(stored.getString("from")).contains("noreply@example.com").contains("Acme");
        assertThat(stored.getString("subject")).isEqualTo("Welcome");
        assertThat(stored.getString("text")).contains("Hello Ada");
        assertThat(stored.getJsonArray("to").getString(0)).isEqualTo("ada@example.net");
        if (!ItEnvironment.usesAwsTransport()) {
            assertThat(stored.getString("configurationSet")).as("pinned set injected").isEqualTo("transactional");
            assertThat(stored.getString("simulatedOutcome")).isEqualTo("delivered");
        }

        HttpResponse<String> wrongFrom = sendEmail(token, "{'from':'ceo@example.com','to':['a@example.net'],'subject':'s','text':'t'}", null);
        assertThat(wrongFrom.statusCode()).isEqualTo(403);
        assertThat(wrongFrom.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(Http.json(wrongFrom).getString("code")).isEqualTo("from_not_allowed");
        assertThat(Http.json(wrongFrom).getString("detail")).contains("ceo@example.com");

        HttpResponse<String> tooMany = sendEmail(token, "{'from':'noreply@example.com','to':['a@x.com','b@x.com'],"
                + "'cc':['c@x.com'],'bcc':['d@x.com'],'subject':'s','text':'t'}", null);
        assertThat(Http.json(tooMany).getString("code")).isEqualTo("too_many_recipients");
        HttpResponse<String> denied = sendEmail(token, "{'from':'noreply@example.com','to':['a@blocked.example'],'subject':'s','text':'t'}", null);
        assertThat(Http.json(denied).getString("code")).isEqualTo("recipient_domain_denied");
        HttpResponse<String> otherSet = sendEmail(token, "{'from':'noreply@example.com','to':['a@x.com'],'subject':'s','text':'t',"
                + "'configurationSet':'marketing'}", null);
        assertThat(Http.json(otherSet).getString("code")).isEqualTo("configuration_set_not_allowed");
        HttpResponse<String> injected = sendEmail(token, "{'from':'noreply@example.com','to':['a@x.com'],"
                + "'subject':'Hi\\r\\nBcc: victim@x.com','text':'t'}", null);
        assertThat(injected.statusCode()).isEqualTo(400);
        assertThat(Http.json(injected).getString("code")).isEqualTo("invalid_message");

        if (ItEnvironment.isPostgres()) {
            assertAudited(Http.json(sent).getString("auditId"), "ALLOWED", null, messageId);
            String deniedAudit = Http.json(wrongFrom).getString("detail").replaceAll(".*\\(audit (\\d+)\\).*", "$1");
            assertAudited(deniedAudit, "DENIED", "from_not_allowed", null);
        }
    }

    private static void assertAudited(String auditId, String decision, String reason, String messageId) throws Exception {
        try (java.sql.Connection c = ItEnvironment.openPostgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select decision, reason_codes, ses_message_id, recipient_domains, recipients, transport from "
                     + ItEnvironment.postgresSchema() + ".call_event where id = " + Long.parseLong(auditId))) {
            assertThat(rs.next()).as("call event %s", auditId).isTrue();
            assertThat(rs.getString(1)).isEqualTo(decision);
            assertThat(rs.getString(2)).isEqualTo(reason);
            assertThat(rs.getString(3)).isEqualTo(messageId);
            assertThat(rs.getString(5)).as("full recipients are off by default").isNull();
        }
    }

    @Test
    void the_dry_run_lists_every_reason_and_sends_nothing() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String token = senderToken(admin, "{'fromAddresses':['@example.org'],'maxRecipients':1,'templates':['welcome']}");
        HttpResponse<String> check = SesameClient.post("/api/v1/emails/check", token, (JsonObject) Http.parse(
                "{\"from\":\"x@example.com\",\"to\":[\"a@x.com\",\"b@x.com\"],\"template\":\"other\"}"));
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        JsonObject decision = Http.json(check);
        assertThat(decision.getBoolean("allowed")).isFalse();
        assertThat(decision.getJsonArray("reasons").getValuesAs(JsonObject.class)).extracting(r -> r.getString("code"))
                .containsExactly("from_not_allowed", "too_many_recipients", "template_not_allowed");
        JsonObject fine = Http.json(SesameClient.post("/api/v1/emails/check", token, (JsonObject) Http.parse(
                "{\"from\":\"x@example.org\",\"to\":[\"a@x.com\"],\"template\":\"welcome\"}")));
        assertThat(fine.getBoolean("allowed")).isTrue();
        assertThat(fine.getJsonArray("reasons")).isEmpty();
    }

    @Test
    void rate_limit_and_daily_quota_answer_429_with_retry_after() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String message = "{'from':'a@example.com','to':['b@example.net'],'subject':'s','text':'t'}";
        String limited = senderToken(admin, "{'ratePerSecond':0.1}"); // one message, then one per 10 s: no timing flakiness
        assertThat(sendEmail(limited, message, null).statusCode()).isEqualTo(200);
        HttpResponse<String> second = sendEmail(limited, message, null);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(Http.json(second).getString("code")).isEqualTo("rate_limited");
        assertThat(second.headers().firstValue("Retry-After")).isPresent();

        String quota = senderToken(admin, "{'dailyQuota':2}");
        assertThat(sendEmail(quota, message, null).statusCode()).isEqualTo(200);
        assertThat(sendEmail(quota, message, null).statusCode()).isEqualTo(200);
        HttpResponse<String> third = sendEmail(quota, message, null);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Http.json(third).getString("code")).isEqualTo("daily_quota_exceeded");
        assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 86_400L);
    }

    @Test
    void an_idempotent_retry_returns_the_first_result_and_never_sends_twice() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String token = senderToken(admin, "{}");
        String message = "{'from':'a@example.com','to':['once@example.net'],'subject':'Once','text':'only once'}";
        String key = "order-" + java.util.UUID.randomUUID();
        HttpResponse<String> first = sendEmail(token, message, key);
        HttpResponse<String> retry = sendEmail(token, message, key);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotency-Replayed")).contains("true");
        String messageId = Http.json(first).getString("messageId");
        List<JsonObject> all = Outbox.all(admin);
        assertThat(all.stream().filter(m -> m.getString("messageId").equals(messageId)).count()).isEqualTo(1);
        assertThat(all.stream().filter(m -> m.getString("subject", "").equals("Once")
                && m.getJsonArray("to").getString(0).equals("once@example.net")).count()).as("sent once").isEqualTo(1);

        HttpResponse<String> reused = sendEmail(token, message.replace("only once", "changed"), key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(Http.json(reused).getString("code")).isEqualTo("idempotency_key_reused");
    }

    @Test
    void raw_and_templated_mail_reach_ses() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String token = senderToken(admin, "{'fromAddresses':['@example.com'],'templates':['sesame-welcome']}");
        String mime = "From: Shop <shop@example.com>\r\nTo: raw@example.net\r\nSubject: Raw hello\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nraw body\r\n";
        HttpResponse<String> raw = sendEmail(token, "{'raw':'" + java.util.Base64.getEncoder().encodeToString(
                mime.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "'}", null);
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        HttpResponse<String> rawDenied = sendEmail(token, "{'raw':'" + java.util.Base64.getEncoder().encodeToString(
                mime.replace("shop@example.com", "shop@evil.test").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "'}", null);
        assertThat(Http.json(rawDenied).getString("code")).as("raw headers obey the same rules").isEqualTo("from_not_allowed");

        if (ItEnvironment.usesAwsTransport()) {
            JsonObject stored = Outbox.find(admin, Http.json(raw).getString("messageId"));
            assertThat(stored).isNotNull();
            assertThat(stored.getString("subject")).isEqualTo("Raw hello");
            // A template in the emulator, then a templated send through Sesame.
            try (var ses = software.amazon.awssdk.services.sesv2.SesV2Client.builder()
                    .endpointOverride(ItEnvironment.sesEndpoint())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                    .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                    .build()) {
                ses.createEmailTemplate(b -> b.templateName("sesame-welcome").templateContent(c -> c
                        .subject("Welcome {{name}}").text("Hello {{name}}").html("<p>Hello {{name}}</p>")));
            }
            HttpResponse<String> templated = sendEmail(token, "{'from':'shop@example.com','to':['t@example.net'],"
                    + "'template':'sesame-welcome','templateData':{'name':'Grace'}}", null);
            assertThat(templated.statusCode()).as(templated.body()).isEqualTo(200);
            JsonObject rendered = Outbox.find(admin, Http.json(templated).getString("messageId"));
            assertThat(rendered.getString("subject")).isEqualTo("Welcome Grace");
            // A template SES does not have: SES's NotFound, mapped to a clear 404 problem.
            String missing = senderToken(admin, "{}");
            HttpResponse<String> notFound = sendEmail(missing, "{'from':'shop@example.com','to':['t@example.net'],"
                    + "'template':'no-such-template','templateData':{}}", null);
            assertThat(notFound.statusCode()).as(notFound.body()).isEqualTo(404);
            assertThat(Http.json(notFound).getString("code")).isEqualTo("ses_not_found");
        }
    }

    @Test
    void templates_and_account_within_the_key_scope() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "templates");
        String name = "it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var permissions = Json.createArrayBuilder();
        for (String p : new String[] {"ses:CreateEmailTemplate", "ses:GetEmailTemplate", "ses:ListEmailTemplates",
                "ses:UpdateEmailTemplate", "ses:DeleteEmailTemplate", "ses:TestRenderEmailTemplate", "ses:GetAccount", "ses:SendEmail"}) {
            permissions.add(p);
        }
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder().add("permissions", permissions)
                .add("scope", Json.createObjectBuilder().add("templates", Json.createArrayBuilder().add(name)).add("dailyQuota", 100))
                .build());
        String token = SesameClient.token(key.getString("apiKey"));

        HttpResponse<String> created = SesameClient.post("/api/v1/templates", token, Json.createObjectBuilder()
                .add("name", name).add("subject", "Hello {{name}}").add("text", "Dear {{name}}").add("html", "<p>Dear {{name}}</p>").build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> other = SesameClient.post("/api/v1/templates", token, Json.createObjectBuilder()
                .add("name", "not-mine").add("subject", "s").add("text", "t").build());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(Http.json(other).getString("code")).isEqualTo("template_not_allowed");
        HttpResponse<String> invalid = SesameClient.post("/api/v1/templates", token, Json.createObjectBuilder()
                .add("name", name).add("subject", "s").build());
        assertThat(Http.json(invalid).getString("code")).isEqualTo("invalid_template");

        assertThat(Http.json(SesameClient.get("/api/v1/templates/" + name, token)).getString("subject")).isEqualTo("Hello {{name}}");
        assertThat(SesameClient.get("/api/v1/templates", token).body()).contains(name).doesNotContain("sesame-welcome");
        HttpResponse<String> rendered = SesameClient.post("/api/v1/templates/" + name + "/render", token,
                (JsonObject) Http.parse("{\"templateData\":{\"name\":\"Ada\"}}"));
        assertThat(rendered.statusCode()).as(rendered.body()).isEqualTo(200);
        assertThat(Http.json(rendered).getString("subject")).isEqualTo("Hello Ada");
        assertThat(Http.json(rendered).getString("text")).contains("Dear Ada");

        assertThat(SesameClient.put("/api/v1/templates/" + name, token, Json.createObjectBuilder()
                .add("subject", "Welcome {{name}}").add("text", "Hi {{name}}").build()).statusCode()).isEqualTo(200);
        HttpResponse<String> sent = sendEmail(token, "{'from':'a@example.com','to':['t@example.net'],'template':'" + name
                + "','templateData':{'name':'Grace'}}", null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(Outbox.find(admin, Http.json(sent).getString("messageId")).getString("subject")).isEqualTo("Welcome Grace");

        JsonObject account = Http.json(SesameClient.get("/api/v1/account", token));
        assertThat(account.getString("transport")).isEqualTo(ItEnvironment.usesAwsTransport() ? "aws" : "sandbox");
        assertThat(account.getBoolean("sendingEnabled")).isTrue();
        assertThat(account.getJsonObject("key").getInt("dailyQuota")).isEqualTo(100);
        assertThat(account.getJsonObject("key").getInt("sentToday")).isEqualTo(1);

        assertThat(Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/v1/templates/" + name))
                .header("Authorization", "Bearer " + token).DELETE()).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = SesameClient.get("/api/v1/templates/" + name, token);
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(404);
        assertThat(Http.json(gone).getString("code")).isEqualTo("ses_not_found");
    }

    @Test
    void identities_and_suppression_list_obey_permissions_and_scope() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "suppression");
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:ListEmailIdentities").add("ses:PutSuppressedDestination"))
                .add("scope", Json.createObjectBuilder().add("recipientDomainsDeny", Json.createArrayBuilder().add("blocked.example")))
                .build());
        String token = SesameClient.token(key.getString("apiKey"));

        HttpResponse<String> denied = SesameClient.put("/api/v1/suppression/someone@blocked.example", token,
                Json.createObjectBuilder().add("reason", "BOUNCE").build());
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
        assertThat(Http.json(denied).getString("code")).isEqualTo("recipient_domain_denied");
        assertThat(Http.json(SesameClient.get("/api/v1/configuration-sets", token)).getString("code")).isEqualTo("permission_missing");

        HttpResponse<String> identities = SesameClient.get("/api/v1/identities", token);
        if (ItEnvironment.usesAwsTransport()) {
            // The emulator has no identities API (404, no error type): SES's error comes back as a clear problem, not a crash.
            assertThat(identities.statusCode()).as(identities.body()).isEqualTo(404);
            assertThat(Http.json(identities).getString("code")).isEqualTo("ses_not_found");
        } else {
            assertThat(identities.statusCode()).isEqualTo(501);
            assertThat(Http.json(identities).getString("code")).isEqualTo("not_in_sandbox");
        }

        // The same operations through the other door, an unmodified AWS SDK on the SES endpoint: same rules, same audit.
        try (var ses = sesClient(key.getString("keyId"), key.getJsonObject("sigv4").getString("secretAccessKey"))) {
            var put = (software.amazon.awssdk.services.sesv2.model.SesV2Exception) org.assertj.core.api.Assertions.catchThrowable(
                    () -> ses.putSuppressedDestination(b -> b.emailAddress("other@blocked.example").reason("BOUNCE")));
            assertThat(put.statusCode()).isEqualTo(403);
            assertThat(put.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(put.getMessage()).contains("recipient_domain_denied");
            var sets = (software.amazon.awssdk.services.sesv2.model.SesV2Exception) org.assertj.core.api.Assertions.catchThrowable(
                    () -> ses.listConfigurationSets(b -> { }));
            assertThat(sets.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(sets.getMessage()).contains("permission_missing");
            // Not granted, and its address inside the key's domains: the permission is checked before the scope.
            var delete = (software.amazon.awssdk.services.sesv2.model.SesV2Exception) org.assertj.core.api.Assertions.catchThrowable(
                    () -> ses.deleteSuppressedDestination(b -> b.emailAddress("someone@allowed.example")));
            assertThat(delete.statusCode()).isEqualTo(403);
            assertThat(delete.getMessage()).contains("permission_missing").contains("ses:DeleteSuppressedDestination");
            var get = (software.amazon.awssdk.services.sesv2.model.SesV2Exception) org.assertj.core.api.Assertions.catchThrowable(
                    () -> ses.getSuppressedDestination(b -> b.emailAddress("someone@allowed.example")));
            assertThat(get.getMessage()).contains("permission_missing");
            var listed = (software.amazon.awssdk.services.sesv2.model.SesV2Exception) org.assertj.core.api.Assertions.catchThrowable(
                    () -> ses.listEmailIdentities(b -> { }));
            if (ItEnvironment.usesAwsTransport()) {
                assertThat(listed.statusCode()).as(listed.getMessage()).isEqualTo(404);
            } else {
                assertThat(listed.statusCode()).isEqualTo(400);
                assertThat(listed.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
                assertThat(listed.getMessage()).contains("sandbox");
            }
        }
        JsonObject calls = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + key.getString("keyId"), admin));
        assertThat(calls.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("action")).toList())
                .as("both doors audit the same actions").contains("ses:PutSuppressedDestination", "ses:ListConfigurationSets",
                        "ses:ListEmailIdentities");
        assertThat(calls.getJsonArray("items").stream().filter(v -> "ses:PutSuppressedDestination".equals(v.asJsonObject()
                .getString("action"))).count()).as("the denied put, once per door").isEqualTo(2);
    }

    @Test
    void bulk_email_checks_every_destination_and_audits_each() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "bulk");
        String template = "bulk-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendBulkEmail").add("ses:CreateEmailTemplate"))
                .add("scope", Json.createObjectBuilder().add("templates", Json.createArrayBuilder().add(template))
                        .add("recipientDomainsDeny", Json.createArrayBuilder().add("blocked.example")).add("dailyQuota", 10))
                .build());
        String token = SesameClient.token(key.getString("apiKey"));
        assertThat(SesameClient.post("/api/v1/templates", token, Json.createObjectBuilder().add("name", template)
                .add("subject", "News for {{name}}").add("text", "Hi {{name}}").build()).statusCode()).isEqualTo(201);

        String body = "{\"from\":\"news@example.com\",\"template\":\"" + template + "\",\"defaultTemplateData\":{\"name\":\"friend\"},"
                + "\"destinations\":[{\"to\":[\"one@example.net\"],\"templateData\":{\"name\":\"One\"}},{\"to\":[\"two@example.net\"]}]}";
        HttpResponse<String> sent = SesameClient.post("/api/v1/emails/bulk", token, (JsonObject) Http.parse(body));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        List<JsonObject> results = Http.json(sent).getJsonArray("results").getValuesAs(JsonObject.class);
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.getString("status")).isEqualTo("SUCCESS");
            assertThat(r.getString("auditId")).isNotBlank();
        });
        assertThat(Outbox.find(admin, results.get(0).getString("messageId")).getString("subject")).isEqualTo("News for One");
        assertThat(Outbox.find(admin, results.get(1).getString("messageId")).getString("subject")).isEqualTo("News for friend");

        HttpResponse<String> denied = SesameClient.post("/api/v1/emails/bulk", token, (JsonObject) Http.parse(
                body.replace("two@example.net", "two@blocked.example")));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(Http.json(denied).getString("code")).isEqualTo("recipient_domain_denied");
        assertThat(Http.json(denied).getString("detail")).startsWith("destinations[1]");
        HttpResponse<String> single = sendEmail(token, "{'from':'news@example.com','to':['x@example.net'],'subject':'s','text':'t'}", null);
        assertThat(Http.json(single).getString("code")).as("SendBulkEmail does not grant SendEmail").isEqualTo("permission_missing");
    }

    // ---- Audit ---------------------------------------------------------------------------------------------

    @Test
    void the_call_audit_is_searchable_by_key_and_decision_with_keyset_pages_and_exports() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "audited");
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("@example.com")))
                .build());
        String keyId = key.getString("keyId");
        String token = SesameClient.token(key.getString("apiKey"));
        for (int i = 0; i < 3; i++) {
            assertThat(sendEmail(token, "{'from':'a@example.com','to':['r" + i + "@example.net'],'subject':'s','text':'t'}", null)
                    .statusCode()).isEqualTo(200);
        }
        assertThat(sendEmail(token, "{'from':'x@evil.test','to':['r@example.net'],'subject':'s','text':'t'}", null).statusCode())
                .isEqualTo(403);

        JsonObject denied = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + keyId + "&decision=denied", admin));
        assertThat(denied.getJsonArray("items")).hasSize(1);
        JsonObject deniedEvent = denied.getJsonArray("items").getJsonObject(0);
        assertThat(deniedEvent.getString("reasonCodes")).isEqualTo("from_not_allowed");
        assertThat(deniedEvent.getString("from")).isEqualTo("x@evil.test");
        assertThat(deniedEvent.getString("recipientDomains")).isEqualTo("example.net");
        assertThat(deniedEvent.containsKey("recipients")).as("full addresses are off by default").isFalse();

        JsonObject first = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + keyId + "&limit=2", admin));
        assertThat(first.getJsonArray("items")).hasSize(2);
        JsonObject second = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + keyId + "&limit=2&cursor="
                + first.getString("next"), admin));
        assertThat(second.getJsonArray("items")).hasSize(2);
        assertThat(second.containsKey("next")).isFalse();
        assertThat(first.getJsonArray("items").getJsonObject(1).getJsonNumber("id").longValue())
                .isGreaterThan(second.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue());

        HttpResponse<String> csv = SesameClient.get("/api/v1/admin/audit/calls/export?format=csv&key=" + keyId, admin);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).hasSize(5);
        assertThat(csv.body()).startsWith("id,occurredAt");
        HttpResponse<String> jsonl = SesameClient.get("/api/v1/admin/audit/calls/export?format=jsonl&key=" + keyId, admin);
        assertThat(jsonl.body().strip().split("\n")).hasSize(4).allSatisfy(line -> assertThat(line).startsWith("{\"type\":\"call\""));

        String metrics = Http.get(OPS_METRICS).body();
        assertThat(metrics).contains("sesame_calls_total").contains("decision=\"denied\"").contains("reason=\"from_not_allowed\"")
                .contains("sesame_sends_total").contains("sesame_ses_latency")
                .as("key ids and their volumes only with sesame.metrics.per-key=true").doesNotContain("key=\"" + keyId + "\"");

        // the SIEM lines: in their own bounded file, written off the request thread (so: soon, not at once)
        java.nio.file.Path auditLog = ItEnvironment.dataDir().resolve("logs/audit.jsonl");
        String lines = "";
        for (int i = 0; i < 50 && !(lines.contains("\"keyId\":\"" + keyId + "\"") && lines.contains("\"targetId\":\"" + keyId + "\"")); i++) {
            Thread.sleep(100);
            lines = java.nio.file.Files.exists(auditLog) ? java.nio.file.Files.readString(auditLog) : "";
        }
        assertThat(lines).as("a call line and the key's lifecycle line").contains("\"keyId\":\"" + keyId + "\"")
                .contains("\"type\":\"lifecycle\"").contains("\"targetId\":\"" + keyId + "\"");
        assertThat(java.nio.file.Files.getPosixFilePermissions(auditLog)).as("owner-only")
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        JsonObject lifecycle = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?targetType=api-key&targetId=" + keyId, admin));
        assertThat(lifecycle.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(e -> e.getString("action"))
                .containsExactly("key.issued");
        assertThat(lifecycle.getJsonArray("items").getJsonObject(0).getString("actor")).startsWith("key:");
        HttpResponse<String> badLifecycle = SesameClient.get("/api/v1/admin/audit/lifecycle?targetId=" + keyId, admin);
        assertThat(badLifecycle.statusCode()).isEqualTo(400);
        assertThat(Http.json(badLifecycle).getString("detail")).startsWith("targetId:");

        HttpResponse<String> bad = SesameClient.get("/api/v1/admin/audit/calls?from=yesterday", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).getString("code")).isEqualTo("invalid_query");
        assertThat(Http.json(bad).getString("detail")).startsWith("from:");
        assertThat(SesameClient.get("/api/v1/admin/audit/calls", token).statusCode()).as("needs sesame:ReadAudit").isEqualTo(403);
    }

    @Test
    void the_audit_hash_chain_detects_a_hand_edited_row() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String token = senderToken(admin, "{}");
        HttpResponse<String> sent = sendEmail(token, "{'from':'a@example.com','to':['chain@example.net'],'subject':'s','text':'t'}", null);
        long auditId = Long.parseLong(Http.json(sent).getString("auditId"));

        JsonObject verified = awaitSealed(admin);
        assertThat(verified.getBoolean("ok")).as(verified.toString()).isTrue();
        assertThat(verified.getJsonNumber("verified").longValue()).isPositive();
        if (!ItEnvironment.isPostgres()) {
            return; // the embedded H2 file cannot be edited beside the running server
        }
        String schema = ItEnvironment.postgresSchema();
        try (java.sql.Connection c = ItEnvironment.openPostgres(); Statement s = c.createStatement()) {
            s.executeUpdate("update " + schema + ".call_event set from_address = 'forged@example.com' where id = " + auditId);
            JsonObject broken = Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin));
            assertThat(broken.getBoolean("ok")).isFalse();
            assertThat(broken.getJsonObject("brokenAt").getJsonNumber("eventId").longValue()).isEqualTo(auditId);
            assertThat(broken.getJsonObject("brokenAt").getString("reason")).contains("modified");
            s.executeUpdate("update " + schema + ".call_event set from_address = 'a@example.com' where id = " + auditId);
            s.executeUpdate("create temporary table saved_event as select * from " + schema + ".call_event where id = " + auditId);
            s.executeUpdate("delete from " + schema + ".call_event where id = " + auditId);
            JsonObject deleted = Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin));
            assertThat(deleted.getBoolean("ok")).isFalse();
            assertThat(deleted.getJsonObject("brokenAt").getString("reason")).contains("deleted");
            // put it back exactly as it was: the chain verifies again (and later tests start from a sound chain)
            s.executeUpdate("insert into " + schema + ".call_event select * from saved_event");
            assertThat(Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin)).getBoolean("ok")).isTrue();

            // Truncation: the newest entries deleted leave a sound but shorter chain; the head exported to the data
            // directory (outside the database) still names the last entry it saw.
            JsonObject before = awaitHeadMatched(admin);
            assertThat(before.getString("head")).as(before.toString()).startsWith("matched");
            long newest = before.getJsonNumber("verified").longValue();
            s.executeUpdate("create temporary table saved_chain as select * from " + schema + ".audit_chain where seq > "
                    + (newest - 2) + " and seq <= " + newest);
            s.executeUpdate("delete from " + schema + ".audit_chain where seq > " + (newest - 2) + " and seq <= " + newest);
            JsonObject truncated = Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin));
            // the sealer does not seal onto the shortened chain (which would re-sign it and export a head hiding it)
            sendEmail(token, "{'from':'a@example.com','to':['after-truncation@example.net'],'subject':'s','text':'t'}", null);
            Thread.sleep(6000);
            JsonObject later = Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin));
            s.executeUpdate("insert into " + schema + ".audit_chain select * from saved_chain");
            assertThat(truncated.getBoolean("ok")).as(truncated.toString()).isFalse();
            assertThat(truncated.getJsonObject("brokenAt").getString("reason")).contains("newest entries were deleted");
            assertThat(later.getBoolean("ok")).as("still reported a tick later: " + later).isFalse();
            assertThat(later.getString("sealing")).startsWith("halted").contains("newest entries were deleted");
            assertThat(later.getJsonNumber("unsealed").longValue()).as("new events wait").isPositive();
            JsonObject resumed = awaitSealed(admin);
            assertThat(resumed.getBoolean("ok")).as("the chain restored, sealing resumes: " + resumed).isTrue();
            assertThat(resumed.containsKey("sealing")).isFalse();
        }
    }

    /** Waits until everything is sealed and the sealer has exported the head it ended on. */
    private static JsonObject awaitHeadMatched(String admin) throws Exception {
        JsonObject last = null;
        for (int i = 0; i < 40; i++) {
            last = Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin));
            if (last.getJsonNumber("unsealed").longValue() == 0 && last.containsKey("head")
                    && last.getString("head").startsWith("matched")) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    @Test
    @Order(Integer.MAX_VALUE) // removes the older half of the audit, which earlier scenarios read
    void retention_removes_old_events_and_leaves_a_signed_checkpoint_the_chain_verifies_from() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String token = senderToken(admin, "{}");
        for (int i = 0; i < 3; i++) {
            sendEmail(token, "{'from':'a@example.com','to':['old" + i + "@example.net'],'subject':'s','text':'t'}", null);
        }
        HttpResponse<String> nothingYet = SesameClient.post("/api/v1/admin/audit/retention", admin, Json.createObjectBuilder().build());
        assertThat(nothingYet.statusCode()).as(nothingYet.body()).isEqualTo(200);
        assertThat(Http.json(nothingYet).getInt("retentionDays")).isEqualTo(400);
        assertThat(Http.json(nothingYet).getJsonNumber("callEvents").longValue()).as("nothing is 400 days old").isZero();
        assertThat(SesameClient.post("/api/v1/admin/audit/retention", token, Json.createObjectBuilder().build()).statusCode())
                .as("needs sesame:ManageMonitoring").isEqualTo(403);
        if (!ItEnvironment.isPostgres()) {
            return; // ageing the chain needs a hand on the database
        }
        assertThat(awaitSealed(admin).getBoolean("ok")).isTrue();
        String schema = ItEnvironment.postgresSchema();
        try (java.sql.Connection c = ItEnvironment.openPostgres(); Statement s = c.createStatement()) {
            long half;
            try (ResultSet rs = s.executeQuery("select max(seq) / 2 from " + schema + ".audit_chain")) {
                rs.next();
                half = rs.getLong(1);
            }
            // as if the first half of the chain had been sealed 500 days ago
            s.executeUpdate("update " + schema + ".audit_chain set sealed_at = sealed_at - interval '500 days' where seq <= " + half);
            JsonObject purged = Http.json(SesameClient.post("/api/v1/admin/audit/retention", admin, Json.createObjectBuilder().build()));
            assertThat(purged.getJsonNumber("callEvents").longValue() + purged.getJsonNumber("lifecycleEvents").longValue())
                    .isEqualTo(half);
            assertThat(purged.getInt("checkpoints")).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("select min(seq) from " + schema + ".audit_chain")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(half + 1);
            }

            JsonObject verified = awaitSealed(admin);
            assertThat(verified.getBoolean("ok")).as(verified.toString()).isTrue();
            assertThat(verified.getJsonObject("checkpoint").getJsonNumber("seq").longValue()).isEqualTo(half);
            JsonObject purgeEvent = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=audit.purged", admin))
                    .getJsonArray("items").getJsonObject(0);
            assertThat(purgeEvent.getString("detail")).contains("chain continues after entry " + half);

            // moving the checkpoint to hide more deletions needs the server's key
            s.executeUpdate("update " + schema + ".audit_checkpoint set seq = seq + 1 where seq = " + half);
            JsonObject forged = Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin));
            assertThat(forged.getBoolean("ok")).isFalse();
            assertThat(forged.getJsonObject("brokenAt").getString("reason")).contains("checkpoint");
            s.executeUpdate("update " + schema + ".audit_checkpoint set seq = seq - 1 where seq = " + (half + 1));
            assertThat(Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin)).getBoolean("ok")).isTrue();
        }
    }

    // ---- SES v2 wire-compatible endpoint (SigV4) ---------------------------------------------------------

    private static software.amazon.awssdk.services.sesv2.SesV2Client sesClient(String accessKeyId, String secret) {
        return software.amazon.awssdk.services.sesv2.SesV2Client.builder()
                .endpointOverride(Http.uri("/api/ses"))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKeyId, secret)))
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .build();
    }

    @Test
    void an_unmodified_aws_sdk_sends_through_the_sigv4_endpoint_under_the_same_policy_and_audit() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "sdk");
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail").add("ses:GetAccount")
                        .add("ses:CreateEmailTemplate").add("ses:GetEmailTemplate"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("@example.com")))
                .build());
        String keyId = key.getString("keyId");
        JsonObject sigv4 = key.getJsonObject("sigv4");
        assertThat(sigv4.getString("accessKeyId")).isEqualTo(keyId);
        String secret = sigv4.getString("secretAccessKey");
        assertThat(secret).hasSize(40);

        try (var ses = sesClient(keyId, secret)) {
            var simple = ses.sendEmail(b -> b.fromEmailAddress("shop@example.com")
                    .destination(d -> d.toAddresses("buyer@example.net"))
                    .content(c -> c.simple(m -> m.subject(x -> x.data("Order 42")).body(x -> x.text(t -> t.data("Thanks!"))))));
            assertThat(simple.messageId()).isNotBlank();
            JsonObject audited = Http.json(SesameClient.get("/api/v1/admin/audit/calls?messageId=" + simple.messageId(), admin));
            assertThat(audited.getJsonArray("items")).as("one code path: the same call audit").hasSize(1);
            assertThat(audited.getJsonArray("items").getJsonObject(0).getString("keyId")).isEqualTo(keyId);

            String mime = "From: shop@example.com\r\nTo: raw@example.net\r\nSubject: raw\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\nraw body\r\n";
            var raw = ses.sendEmail(b -> b.content(c -> c.raw(r -> r.data(software.amazon.awssdk.core.SdkBytes.fromUtf8String(mime)))));
            assertThat(raw.messageId()).isNotBlank();

            String template = "sdk-" + keyId.toLowerCase();
            ses.createEmailTemplate(b -> b.templateName(template).templateContent(c -> c.subject("Hi {{name}}").text("Hello {{name}}")));
            assertThat(ses.getEmailTemplate(b -> b.templateName(template)).templateContent().subject()).isEqualTo("Hi {{name}}");
            var templated = ses.sendEmail(b -> b.fromEmailAddress("shop@example.com").destination(d -> d.toAddresses("t@example.net"))
                    .content(c -> c.template(t -> t.templateName(template).templateData("{\"name\":\"Ada\"}"))));
            assertThat(templated.messageId()).isNotBlank();
            if (ItEnvironment.usesAwsTransport()) {
                assertThat(Http.send(java.net.http.HttpRequest.newBuilder(ItEnvironment.sesEndpoint().resolve("/store")).GET()).body())
                        .as("on to the SES emulator").contains(simple.messageId()).contains(templated.messageId());
            }

            var outsideScope = org.assertj.core.api.Assertions.catchThrowable(() -> ses.sendEmail(b -> b.fromEmailAddress("ceo@evil.test")
                    .destination(d -> d.toAddresses("buyer@example.net"))
                    .content(c -> c.simple(m -> m.subject(x -> x.data("s")).body(x -> x.text(t -> t.data("t")))))));
            assertThat(outsideScope).isInstanceOf(software.amazon.awssdk.services.sesv2.model.SesV2Exception.class);
            var denied = (software.amazon.awssdk.services.sesv2.model.SesV2Exception) outsideScope;
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.getMessage()).contains("from_not_allowed").contains("ceo@evil.test");

            var bulkDenied = org.assertj.core.api.Assertions.catchThrowable(() -> ses.sendBulkEmail(b -> b.fromEmailAddress("shop@example.com")
                    .defaultContent(c -> c.template(t -> t.templateName(template)))
                    .bulkEmailEntries(e -> e.destination(d -> d.toAddresses("a@example.net")))));
            assertThat(((software.amazon.awssdk.services.sesv2.model.SesV2Exception) bulkDenied).awsErrorDetails().errorCode())
                    .as("no ses:SendBulkEmail").isEqualTo("AccessDeniedException");

            assertThat(ses.getAccount(b -> { }).sendingEnabled()).isTrue();
        }

        try (var wrong = sesClient(keyId, secret.substring(1) + "x")) {
            var refused = org.assertj.core.api.Assertions.catchThrowable(() -> wrong.getAccount(b -> { }));
            var error = (software.amazon.awssdk.services.sesv2.model.SesV2Exception) refused;
            assertThat(error.statusCode()).isEqualTo(403);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        }
        try (var unknown = sesClient("NoSuchKey123", secret)) {
            var refused = org.assertj.core.api.Assertions.catchThrowable(() -> unknown.getAccount(b -> { }));
            assertThat(((software.amazon.awssdk.services.sesv2.model.SesV2Exception) refused).awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
        }

        assertThat(SesameClient.post("/api/v1/admin/keys/" + keyId + "/revoke", admin, null).statusCode()).isEqualTo(200);
        try (var revoked = sesClient(keyId, secret)) {
            var refused = org.assertj.core.api.Assertions.catchThrowable(() -> revoked.getAccount(b -> { }));
            assertThat(((software.amazon.awssdk.services.sesv2.model.SesV2Exception) refused).awsErrorDetails().errorCode())
                    .isEqualTo("AccessDeniedException");
            assertThat(refused.getMessage()).contains("revoked");
        }
    }

    @Test
    void guessing_a_keys_secret_at_the_token_endpoint_is_throttled_per_address_and_key() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "guessing");
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("ses:GetAccount"));
        JsonObject other = SesameClient.issueKey(admin, app, SesameClient.policy("ses:GetAccount"));
        String keyId = key.getString("keyId");
        for (int i = 0; i < 10; i++) {
            String guess = io.sesame.token.control.ApiKeyFormat.withKeyId(keyId, new java.security.SecureRandom()).reveal();
            HttpResponse<String> wrong = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", guess));
            assertThat(wrong.statusCode()).as("guess %d", i + 1).isEqualTo(401);
        }
        String guess = io.sesame.token.control.ApiKeyFormat.withKeyId(keyId, new java.security.SecureRandom()).reveal();
        HttpResponse<String> throttled = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", guess));
        assertThat(throttled.statusCode()).as(throttled.body()).isEqualTo(429);
        assertThat(Http.json(throttled).getString("error")).isEqualTo("slow_down");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        // The owner, sharing the guesser's address, is not locked out: a correct key always passes ...
        HttpResponse<String> right = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret",
                key.getString("apiKey")));
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        // ... and so is another key from the same address.
        HttpResponse<String> otherKey = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret",
                other.getString("apiKey")));
        assertThat(otherKey.statusCode()).as(otherKey.body()).isEqualTo(200);
    }

    /** The SDK's signed request as it left: method, URI, headers and body (captured before transmission). */
    record Captured(software.amazon.awssdk.http.SdkHttpRequest request, byte[] body) {
        HttpResponse<String> replay() throws Exception {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.getUri());
            request.headers().forEach((name, values) -> {
                if (!java.util.Set.of("host", "content-length", "connection", "expect").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            return Http.send(b.method(request.method().name(), body.length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)));
        }
    }

    @Test
    void a_captured_sigv4_send_is_refused_when_replayed() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "sdk-replay");
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("ses:SendEmail", "ses:GetAccount"));
        String keyId = key.getString("keyId");
        List<Captured> captured = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor capture = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                           software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                byte[] body = context.requestBody().map(rb -> {
                    try (var in = rb.contentStreamProvider().newStream()) {
                        return in.readAllBytes();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).orElse(new byte[0]);
                captured.add(new Captured(context.httpRequest(), body));
            }
        };
        try (var ses = software.amazon.awssdk.services.sesv2.SesV2Client.builder()
                .endpointOverride(Http.uri("/api/ses"))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(keyId,
                                key.getJsonObject("sigv4").getString("secretAccessKey"))))
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(capture))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .build()) {
            String first = ses.sendEmail(b -> b.fromEmailAddress("shop@example.com").destination(d -> d.toAddresses("replay@example.net"))
                    .content(c -> c.simple(m -> m.subject(x -> x.data("Replay me")).body(x -> x.text(t -> t.data("once")))))).messageId();
            assertThat(first).isNotBlank();
            ses.getAccount(b -> { });
        }
        assertThat(captured).hasSize(2);

        // The captured send, sent again byte for byte within the signature's 5 minutes: refused, nothing sent twice.
        HttpResponse<String> replayed = captured.get(0).replay();
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(403);
        assertThat(replayed.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
        assertThat(replayed.body()).contains("already received");
        JsonObject sends = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + keyId + "&action=ses:SendEmail", admin));
        assertThat(sends.getJsonArray("items").stream().filter(v -> "allowed".equals(v.asJsonObject().getString("decision"))).count())
                .as("one send, one allowed call event").isEqualTo(1);
        JsonObject refused = Http.json(SesameClient.get("/api/v1/admin/audit/calls?key=" + keyId + "&reason=request_replayed", admin));
        assertThat(refused.getJsonArray("items")).as("the replay is a call event of the key").hasSize(1);
        // Reads too: a replayed GetAccount (or a listing) shows nothing to whoever captured only the request.
        assertThat(captured.get(1).replay().statusCode()).isEqualTo(403);
    }

    @Test
    void a_rate_overrun_through_the_sigv4_endpoint_is_the_sdks_too_many_requests() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "sdk-rate");
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", Json.createObjectBuilder().add("ratePerSecond", 0.1)).build());
        try (var ses = sesClient(key.getString("keyId"), key.getJsonObject("sigv4").getString("secretAccessKey"))) {
            ses.sendEmail(b -> b.fromEmailAddress("a@example.com").destination(d -> d.toAddresses("r1@example.net"))
                    .content(c -> c.simple(m -> m.subject(x -> x.data("s")).body(x -> x.text(t -> t.data("t"))))));
            var overrun = org.assertj.core.api.Assertions.catchThrowable(() -> ses.sendEmail(b -> b.fromEmailAddress("a@example.com")
                    .destination(d -> d.toAddresses("r2@example.net"))
                    .content(c -> c.simple(m -> m.subject(x -> x.data("s")).body(x -> x.text(t -> t.data("t")))))));
            assertThat(overrun).isInstanceOf(software.amazon.awssdk.services.sesv2.model.TooManyRequestsException.class);
            assertThat(overrun.getMessage()).contains("rate_limited");
        }
    }

    @Test
    void a_key_gets_temporary_aws_credentials_narrowed_to_its_policy_and_tied_to_it() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "vending");
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail").add("sesame:VendAwsCredentials"))
                .add("scope", Json.createObjectBuilder().add("fromAddresses", Json.createArrayBuilder().add("noreply@shop.example.com"))
                        .add("credentialTtlSeconds", 1800))
                .build());
        String keyId = key.getString("keyId");
        String token = SesameClient.token(key.getString("apiKey"));
        try (StsStub sts = new StsStub()) {
            HttpResponse<String> vended = SesameClient.post("/api/v1/credentials/aws", token,
                    Json.createObjectBuilder().add("durationSeconds", 7200).build());
            assertThat(vended.statusCode()).as(vended.body()).isEqualTo(200);
            assertThat(vended.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
            JsonObject creds = Http.json(vended);
            assertThat(creds.getString("AccessKeyId")).isEqualTo("ASIAEXAMPLEVENDED");
            assertThat(creds.getString("SessionToken")).isEqualTo("vended-session-token");
            assertThat(creds.getInt("DurationSeconds")).as("clamped to the policy's maximum").isEqualTo(1800);
            assertThat(creds.getJsonObject("Policy").toString()).contains("ses:SendEmail").contains("noreply@shop.example.com");

            assertThat(sts.requests).hasSize(1);
            Map<String, String> call = sts.requests.get(0);
            assertThat(call).containsEntry("Action", "AssumeRole")
                    .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/sesame-vend")
                    .containsEntry("RoleSessionName", "sesame-" + keyId).containsEntry("SourceIdentity", "sesame-" + keyId)
                    .containsEntry("DurationSeconds", "1800")
                    .containsEntry("Tags.member.1.Key", "sesame-key-id").containsEntry("Tags.member.1.Value", keyId)
                    .containsEntry("Tags.member.2.Key", "sesame-application").containsEntry("Tags.member.2.Value", app);
            assertThat(call.get("Policy")).isEqualTo(creds.getJsonObject("Policy").toString()).hasSizeLessThanOrEqualTo(2048);

            JsonObject event = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=credentials.vended&targetType=api-key&targetId="
                    + keyId, admin)).getJsonArray("items").getJsonObject(0);
            assertThat(event.getString("detail")).contains("AROAEXAMPLEID:sesame-" + keyId).contains("1800 s");

            String sender = senderToken(admin, "{}");
            assertThat(SesameClient.post("/api/v1/credentials/aws", sender, Json.createObjectBuilder().build()).statusCode())
                    .as("needs sesame:VendAwsCredentials").isEqualTo(403);
            assertThat(sts.requests).hasSize(1);
            assertThat(call.get("Policy")).as("SES v2 API only").contains("\"ses:ApiVersion\":\"2\"");

            // A scope too big for a session policy: refused rather than vended wider, until the key opts in.
            JsonArrayBuilder templates = Json.createArrayBuilder();
            for (int i = 0; i < 120; i++) {
                templates.add("order-confirmation-template-" + i);
            }
            JsonObject wide = Json.createObjectBuilder()
                    .add("permissions", Json.createArrayBuilder().add("ses:SendEmail").add("sesame:VendAwsCredentials"))
                    .add("scope", Json.createObjectBuilder().add("templates", templates)).build();
            JsonObject big = SesameClient.issueKey(admin, app, wide);
            String bigToken = SesameClient.token(big.getString("apiKey"));
            HttpResponse<String> refused = SesameClient.post("/api/v1/credentials/aws", bigToken, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(Http.json(refused).getString("code")).isEqualTo("scope_inexpressible");
            assertThat(Http.json(refused).getString("detail")).contains("the template allowlist");
            assertThat(sts.requests).as("STS never asked").hasSize(1);

            JsonObject optIn = Json.createObjectBuilder(wide).add("scope", Json.createObjectBuilder(wide.getJsonObject("scope"))
                    .add("coarseCredentials", true)).build();
            assertThat(SesameClient.put("/api/v1/admin/keys/" + big.getString("keyId") + "/policy", admin,
                    Json.createObjectBuilder().add("policy", optIn).build()).statusCode()).isEqualTo(200);
            HttpResponse<String> coarse = SesameClient.post("/api/v1/credentials/aws", SesameClient.token(big.getString("apiKey")), null);
            assertThat(coarse.statusCode()).as(coarse.body()).isEqualTo(200);
            JsonObject coarseEvent = Http.json(SesameClient.get("/api/v1/admin/audit/lifecycle?action=credentials.vended&targetType=api-key&targetId="
                    + big.getString("keyId"), admin)).getJsonArray("items").getJsonObject(0);
            assertThat(coarseEvent.getString("detail")).contains("coarseCredentials opt-in").contains("the template allowlist");
        }
    }

    // ---- Alerts and SES reputation ---------------------------------------------------------------------

    @Test
    void a_threshold_crossing_opens_exactly_one_alert_and_notifies_a_signed_webhook_with_retries() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "alerting");
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("ses:SendEmail"));
        String keyId = key.getString("keyId");
        HttpResponse<String> rule = SesameClient.put("/api/v1/admin/alert-rules/requests-per-minute", admin,
                Json.createObjectBuilder().add("keyId", keyId).add("threshold", 2).build());
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(200);
        assertThat(Http.json(rule).getString("scope")).isEqualTo("key");
        HttpResponse<String> badRule = SesameClient.put("/api/v1/admin/alert-rules/requests-per-minute", admin,
                Json.createObjectBuilder().add("keyId", keyId).add("treshold", 2).build());
        assertThat(badRule.statusCode()).isEqualTo(400);
        assertThat(Http.json(badRule).getString("detail")).contains("treshold");

        try (WebhookReceiver webhook = new WebhookReceiver()) {
            String token = SesameClient.token(key.getString("apiKey"));
            for (int i = 0; i < 3; i++) {
                assertThat(sendEmail(token, "{'from':'a@example.com','to':['alert" + i + "@example.net'],'subject':'s','text':'t'}", null)
                        .statusCode()).isEqualTo(200);
            }
            SesameClient.post("/api/v1/admin/alerts/evaluate", admin, Json.createObjectBuilder().build());
            SesameClient.post("/api/v1/admin/alerts/evaluate", admin, Json.createObjectBuilder().build());
            JsonObject alerts = Http.json(SesameClient.get("/api/v1/admin/alerts?key=" + keyId, admin));
            assertThat(alerts.getJsonArray("items")).as("one open alert per rule and key").hasSize(1);
            JsonObject alert = alerts.getJsonArray("items").getJsonObject(0);
            assertThat(alert.getString("rule")).isEqualTo("requests-per-minute");
            assertThat(alert.getJsonNumber("observed").doubleValue()).isEqualTo(3);
            assertThat(alert.getInt("occurrences")).isGreaterThanOrEqualTo(2);
            long alertId = alert.getJsonNumber("id").longValue();

            JsonObject detail = null;
            for (int i = 0; i < 60; i++) {
                detail = Http.json(SesameClient.get("/api/v1/admin/alerts/" + alertId, admin));
                if (detail.getJsonArray("notifications").getValuesAs(JsonObject.class).stream()
                        .allMatch(n -> n.getString("status").equals("delivered"))) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(detail.getJsonArray("notifications").getValuesAs(JsonObject.class))
                    .as(detail.toString()).extracting(n -> n.getString("channel") + ":" + n.getString("status"))
                    .containsExactlyInAnyOrder("webhook:delivered", "email:delivered");
            List<WebhookReceiver.Received> calls = webhook.forAlert(alertId);
            assertThat(calls).extracting(WebhookReceiver.Received::answered).as("failed once, retried").containsExactly(500, 204);
            assertThat(calls).allSatisfy(call -> {
                assertThat(io.sesame.alert.control.WebhookSignature.verify("it-webhook-secret", call.signature(), call.body(),
                        java.time.Instant.now(), java.time.Duration.ofMinutes(5))).as("HMAC-signed").isTrue();
                assertThat(Http.parse(call.body()).asJsonObject().getJsonObject("alert").getString("keyId")).isEqualTo(keyId);
            });
        }
        assertThat(Http.get(OPS_METRICS).body()).contains("sesame_alerts_open");
        JsonObject resolved = Http.json(SesameClient.post("/api/v1/admin/alerts/"
                + Http.json(SesameClient.get("/api/v1/admin/alerts?key=" + keyId, admin)).getJsonArray("items").getJsonObject(0)
                .getJsonNumber("id").longValue() + "/resolve", admin, Json.createObjectBuilder().build()));
        assertThat(resolved.getString("status")).isEqualTo("resolved");
        assertThat(Http.json(SesameClient.get("/api/v1/admin/alerts?key=" + keyId, admin)).getJsonArray("items")).isEmpty();
        assertThat(SesameClient.get("/api/v1/admin/alerts?status=maybe", admin).statusCode()).isEqualTo(400);
    }

    private static final String SNS_TOPIC = "arn:aws:sns:us-east-1:123456789012:sesame-it-ses-events";
    private static io.sesame.reputation.control.SnsTestSigner sns;

    /** Plays SNS with a locally generated certificate, pinned in SESAME_SNS_CERTIFICATES_DIR (see the ear pom). */
    private static synchronized io.sesame.reputation.control.SnsTestSigner sns() throws Exception {
        if (sns == null) {
            sns = io.sesame.reputation.control.SnsTestSigner.create(Path.of(System.getProperty("sesame.it.sns.certificates.dir")));
        }
        return sns;
    }

    private static HttpResponse<String> postSns(String body) throws Exception {
        return Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/api/v1/ses/notifications"))
                .header("Content-Type", "text/plain; charset=UTF-8") // as SNS sends it
                .header("x-amz-sns-message-type", "Notification")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void a_bounce_storm_from_signed_sns_messages_suspends_the_key_and_forgeries_change_nothing() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "bouncy");
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("ses:SendEmail"));
        String keyId = key.getString("keyId");
        String token = SesameClient.token(key.getString("apiKey"));
        List<String> messageIds = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> sent = sendEmail(token, "{'from':'a@example.com','to':['b" + i + "@example.net'],'subject':'s','text':'t'}", null);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            messageIds.add(Http.json(sent).getString("messageId"));
        }
        String now = java.time.Instant.now().toString();
        String delivery = sns().notification(SNS_TOPIC, io.sesame.reputation.control.SnsTestSigner.sesEvent("Delivery", messageIds.get(0)), now);

        // forged, unsigned, foreign, stale: refused, nothing counted
        String forged = delivery.replace("Delivery", "Bounce");
        assertThat(forged).isNotEqualTo(delivery);
        HttpResponse<String> forgedAnswer = postSns(forged);
        assertThat(forgedAnswer.statusCode()).isEqualTo(403);
        assertThat(Http.json(forgedAnswer).getString("code")).isEqualTo("sns_signature_invalid");
        HttpResponse<String> unsigned = postSns(delivery.replaceAll(",\"Signature\":\"[^\"]*\"", ""));
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(Http.json(unsigned).getString("detail")).startsWith("Signature: missing");
        HttpResponse<String> foreign = postSns(sns().notification(SNS_TOPIC + "-other",
                io.sesame.reputation.control.SnsTestSigner.sesEvent("Bounce", messageIds.get(0)), now));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(Http.json(foreign).getString("code")).isEqualTo("sns_topic_not_allowed");
        HttpResponse<String> stale = postSns(sns().notification(SNS_TOPIC, io.sesame.reputation.control.SnsTestSigner
                .sesEvent("Bounce", messageIds.get(0)), java.time.Instant.now().minus(java.time.Duration.ofHours(2)).toString()));
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(Http.json(stale).getString("code")).isEqualTo("sns_message_stale");
        assertThat(Http.json(SesameClient.get("/api/v1/admin/reputation?key=" + keyId, admin)).getJsonArray("items")).isEmpty();

        // genuine: one delivery, counted once however often it is replayed
        assertThat(Http.json(postSns(delivery)).getString("status")).isEqualTo("counted");
        HttpResponse<String> replay = postSns(delivery);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(Http.json(replay).getString("status")).isEqualTo("duplicate");
        JsonObject reputation = Http.json(SesameClient.get("/api/v1/admin/reputation?key=" + keyId, admin)).getJsonArray("items").getJsonObject(0);
        assertThat(reputation.getInt("deliveries")).isEqualTo(1);

        // the storm: 4 bounces + 1 more delivery = 6 messages with 4 bounces (67 % > 5 %), judged from 5 messages on
        for (int i = 1; i < 6; i++) {
            String event = io.sesame.reputation.control.SnsTestSigner.sesEvent(i == 1 ? "Delivery" : "Bounce", messageIds.get(i));
            HttpResponse<String> answer = postSns(sns().notification(SNS_TOPIC, event, java.time.Instant.now().toString()));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        reputation = Http.json(SesameClient.get("/api/v1/admin/reputation?key=" + keyId, admin)).getJsonArray("items").getJsonObject(0);
        assertThat(reputation.getInt("bounces")).isEqualTo(4);
        assertThat(reputation.getInt("deliveries")).isEqualTo(2);
        assertThat(reputation.getJsonNumber("bounceRate").doubleValue()).isGreaterThan(0.05);

        JsonObject alerts = Http.json(SesameClient.get("/api/v1/admin/alerts?key=" + keyId, admin));
        assertThat(alerts.getJsonArray("items")).hasSize(1);
        assertThat(alerts.getJsonArray("items").getJsonObject(0).getString("rule")).isEqualTo("bounce-rate");
        assertThat(alerts.getJsonArray("items").getJsonObject(0).getBoolean("keySuspended")).isTrue();
        assertThat(Http.json(SesameClient.get("/api/v1/admin/keys/" + keyId, admin)).getString("status")).isEqualTo("suspended");
        HttpResponse<String> refused = sendEmail(token, "{'from':'a@example.com','to':['after@example.net'],'subject':'s','text':'t'}", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.json(refused).getString("detail")).contains("suspended");
    }

    /** Waits until the sealer (every 5 s) has chained every finished event, then returns the verification. */
    private static JsonObject awaitSealed(String admin) throws Exception {
        JsonObject last = null;
        for (int i = 0; i < 40; i++) {
            last = Http.json(SesameClient.get("/api/v1/admin/audit/verify", admin));
            if (last.getJsonNumber("unsealed").longValue() == 0) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    @Test
    void hostile_requests_get_a_4xx_problem_each_and_every_refusal_of_a_known_key_is_audited() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "hostile");
        JsonObject key = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", (JsonObject) Http.parse("{\"fromAddresses\":[\"noreply@example.com\"],\"replyToAddresses\":[\"help@example.com\"]}"))
                .build());
        String keyId = key.getString("keyId");
        String sender = SesameClient.token(key.getString("apiKey"));

        for (HostileRequests.Upload upload : HostileRequests.uploads(sender)) {
            HostileRequests.check(upload);
        }
        List<HostileRequests.Case> cases = HostileRequests.cases(sender);
        int audited = 0;
        for (HostileRequests.Case c : cases) {
            HostileRequests.check(c);
            audited += c.audited() ? 1 : 0;
        }
        // the same key, refused at the other doors: a wrong secret at the token endpoint, then suspended
        // a well-formed key (valid checksum) for the key's public id, with another secret: anyone can make one
        String wrongSecret = io.sesame.token.control.ApiKeyFormat.withKeyId(keyId, new java.security.SecureRandom()).reveal();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> guessed = SesameClient.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", wrongSecret));
            assertThat(guessed.statusCode()).as(guessed.body()).isEqualTo(401);
            assertThat(Http.json(guessed).getString("error")).isEqualTo("invalid_client");
        }
        assertThat(SesameClient.post("/api/v1/admin/keys/" + keyId + "/suspend", admin, null).statusCode()).isEqualTo(200);
        HttpResponse<String> suspended = SesameClient.post("/api/v1/emails", sender,
                (JsonObject) Http.parse(HostileRequests.simple("noreply@example.com", "s")));
        assertThat(suspended.statusCode()).isEqualTo(401);
        audited += 2; // the three guesses are one event (at most one a minute per key, reason and address), the suspension one

        JsonObject denied = Http.json(SesameClient.get("/api/v1/admin/audit/calls?limit=1000&decision=denied&key=" + keyId, admin));
        List<String> reasons = denied.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("reasonCodes")).toList();
        assertThat(reasons).as("one denied call event per refused request of the key").hasSize(audited);
        assertThat(reasons).contains("invalid_message", "sender_not_allowed", "reply_to_not_allowed", "permission_missing",
                "key_suspended");
        assertThat(denied.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("action").equals("oauth:token") && e.getString("reasonCodes").equals("credentials_invalid")))
                .as("wrong secrets for a known key id: audited against the key, once a minute").hasSize(1);
        // nothing was sent for this key
        JsonObject all = Http.json(SesameClient.get("/api/v1/admin/audit/calls?limit=1000&key=" + keyId, admin));
        assertThat(all.getJsonArray("items").getValuesAs(JsonObject.class)).allMatch(e -> e.getString("decision").equals("denied"));
        HttpResponse<String> metrics = Http.get(OPS_METRICS);
        assertThat(metrics.body()).contains("sesame_requests_refused_total").contains("sesame_unattributed_refusals_total");
    }

    @Test
    void one_keys_poisoned_requests_never_fail_another_keys_sends() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String poisoner = senderToken(admin, "{'fromAddresses':['@example.com']}");
        String app = SesameClient.createApplication(admin, "steady");
        JsonObject steadyKey = SesameClient.issueKey(admin, app, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("ses:SendEmail"))
                .add("scope", (JsonObject) Http.parse("{\"fromAddresses\":[\"@example.com\"]}")).build());
        String steady = SesameClient.token(steadyKey.getString("apiKey"));
        // small bodies (each arrives with its headers): the point is rows the database would refuse, not upload size
        String[] poisons = {
                HostileRequests.simple("a".repeat(400) + "@example.com", "s"),
                HostileRequests.simple("noreply@example.com", "s".repeat(20_000)),
                HostileRequests.simple("\"" + "n".repeat(5000) + "\" <noreply@example.com>", "s"),
                HostileRequests.raw("From: noreply@example.com\r\nTo: a@example.net\r\nSubject: " + "x".repeat(3000) + "\r\n\r\nx")};
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger poisoned = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger poisonErrors = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<int[]>> steadyResults = new java.util.ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                int first = t;
                pool.submit(() -> {
                    for (int i = first; running.get(); i++) {
                        String path = i % 2 == 0 ? "/api/v1/emails/check" : "/api/v1/emails";
                        HttpResponse<String> r = Http.send(HostileRequests.json(path, poisoner, poisons[i % poisons.length]));
                        poisoned.incrementAndGet();
                        if (r.statusCode() >= 500) {
                            poisonErrors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(8);
            for (int t = 0; t < 4; t++) {
                int thread = t;
                steadyResults.add(pool.submit(() -> {
                    int ok = 0;
                    int failed = 0;
                    for (int i = 0; System.nanoTime() < end && i < 200; i++) {
                        HttpResponse<String> r = sendEmail(steady, "{'from':'noreply@example.com','to':['s" + thread + "-" + i
                                + "@example.net'],'subject':'steady','text':'t'}", null);
                        if (r.statusCode() == 200) {
                            ok++;
                        } else {
                            failed++;
                        }
                    }
                    return new int[] {ok, failed};
                }));
            }
            int ok = 0;
            int failed = 0;
            for (java.util.concurrent.Future<int[]> f : steadyResults) {
                int[] r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                ok += r[0];
                failed += r[1];
            }
            running.set(false);
            System.out.printf("isolation: %d steady sends ok, %d failed, beside %d poisoned requests (%d answered 5xx)%n",
                    ok, failed, poisoned.get(), poisonErrors.get());
            assertThat(failed).as("legitimate sends failed beside the poisoned load").isZero();
            assertThat(ok).isGreaterThan(20);
            assertThat(poisoned.get()).isGreaterThan(20);
            assertThat(poisonErrors.get()).as("poisoned requests answered 5xx").isZero();
            JsonObject audit = Http.json(SesameClient.get("/api/v1/admin/audit/calls?limit=1000&decision=allowed&key="
                    + steadyKey.getString("keyId"), admin));
            if (ok < 1000) {
                assertThat(audit.getJsonArray("items")).as("one allowed call event per steady send").hasSize(ok);
            }
        } finally {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }


    @Test
    void sixty_concurrent_20_mb_uploads_to_the_ses_endpoint_keep_the_heap_bounded() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "flood");
        String keyId = SesameClient.issueKey(admin, app, SesameClient.policy("ses:SendEmail")).getString("keyId");
        long twentyMb = 20L << 20;
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        long[] peak = {0, 0};
        Thread sampler = new Thread(() -> {
            while (flooding.get()) {
                try {
                    String metrics = Http.get(OPS_METRICS).body();
                    peak[0] = Math.max(peak[0], usedHeap(metrics));
                    peak[1] = Math.max(peak[1], metric(metrics, "sesame_request_body_bytes_held"));
                    Thread.sleep(50);
                } catch (Exception e) {
                    return;
                }
            }
        });
        long before = usedHeap(Http.get(OPS_METRICS).body());
        assertThat(before).as("the heap is read from the metrics (else the peak below would measure nothing)").isPositive();
        sampler.start();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(60);
        Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
        long started = System.nanoTime();
        try {
            List<java.util.concurrent.Future<?>> uploads = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                uploads.add(pool.submit(() -> {
                    // a third declare their length, a third stream without a signature, a third stream naming an existing
                    // key with a forged signature: the worst case, read until the limit or the shared budget stops them
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    headers.put("Content-Type", "application/json");
                    if (n % 3 == 2) {
                        headers.put("X-Amz-Date", date);
                        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + keyId + "/" + date.substring(0, 8)
                                + "/us-east-1/ses/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));
                    }
                    String answer;
                    try {
                        answer = String.valueOf(RawHttp.upload("/api/ses/v2/email/outbound-emails", headers, twentyMb, n % 3 == 0).status());
                    } catch (java.io.IOException e) {
                        answer = "no answer: " + e.getMessage();
                    }
                    answers.merge(answer, 1, Integer::sum);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : uploads) {
                f.get(180, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            flooding.set(false);
            pool.shutdownNow();
            sampler.join(5_000);
        }
        System.out.printf("flood: 60 x 20 MB in %d ms, answers %s; used heap before %d MiB, peak %d MiB; peak body bytes held %d MiB%n",
                java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), answers, before >> 20,
                peak[0] >> 20, peak[1] >> 20);
        assertThat(answers.keySet()).as("only refusals: 413 declared or cut off, 403 unsigned, 503 over the shared budget")
                .allMatch(a -> a.equals("413") || a.equals("403") || a.equals("503"));
        assertThat(peak[1]).as("body bytes held at once").isLessThanOrEqualTo(64L << 20);
        assertThat(Http.get("/health/ready").statusCode()).as("still serving after the flood").isEqualTo(200);
    }

    /** Used heap as /metrics reports it (MicroProfile Metrics 5 names it without a scope prefix). */
    private static long usedHeap(String prometheus) {
        return Math.max(metric(prometheus, "base_memory_usedHeap_bytes"), metric(prometheus, "memory_usedHeap_bytes"));
    }

    private static long metric(String prometheus, String name) {
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name) && (line.length() == name.length() || line.charAt(name.length()) == ' '
                    || line.charAt(name.length()) == '{')) {
                try {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
