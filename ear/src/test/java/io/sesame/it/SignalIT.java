package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Revocation push end to end: a receiver on loopback (SESAME_SIGNALS_RECEIVERS in the ear pom) takes the Security Event
 * Tokens Sesame pushes (RFC 8935) and verifies each against Sesame's public JWKS, as a gateway would; it refuses the first
 * pushes, so the outbox's retries are seen to deliver the same SET (same jti) afterwards.
 */
@ExtendWith({FreshDatabase.class, SesEmulator.class, ArquillianExtension.class})
class SignalIT {

    @Deployment(name = "sesame", testable = false)
    static EnterpriseArchive sesame() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("sesame.ear")));
    }

    static HttpServer receiver;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static final List<String> contentTypes = new CopyOnWriteArrayList<>();
    static final AtomicInteger refuseNext = new AtomicInteger();
    /** The subject whose pushes the receiver refuses (refuseNext times): other tests' events do not use up the refusals. */
    static volatile String refusedSubject = "";

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 18096), 0);
        receiver.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            String subject;
            try {
                subject = String.valueOf(SignedJWT.parse(body).getJWTClaimsSet().getJSONObjectClaim("sub_id").get("id"));
            } catch (Exception e) {
                subject = "";
            }
            if (subject.equals(refusedSubject) && refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(body);
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                exchange.sendResponseHeaders(202, -1); // RFC 8935 §2.2
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** The verified SETs received so far about one subject. */
    static List<SignedJWT> about(String subject, JWKSet jwks) throws Exception {
        List<SignedJWT> out = new java.util.ArrayList<>();
        for (String set : received) {
            SignedJWT jwt = SignedJWT.parse(set);
            ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).as("signed by a key in Sesame's JWKS").isNotNull();
            assertThat(jwt.verify(new ECDSAVerifier(key))).as("a valid signature").isTrue();
            if (subject.equals(jwt.getJWTClaimsSet().getJSONObjectClaim("sub_id").get("id"))) {
                out.add(jwt);
            }
        }
        return out;
    }

    static List<SignedJWT> await(String subject, int count) throws Exception {
        JWKSet jwks = JWKSet.parse(Http.get("/api/v1/.well-known/jwks.json").body());
        for (int i = 0; i < 180; i++) { // up to 90 s: earlier tests' events, queued while no receiver listened, go first
            List<SignedJWT> sets = about(subject, jwks);
            if (sets.size() >= count) {
                return sets;
            }
            Thread.sleep(500);
        }
        return about(subject, jwks);
    }

    static String type(SignedJWT set) throws Exception {
        return set.getJWTClaimsSet().getJSONObjectClaim("events").keySet().iterator().next();
    }

    @Test
    void suspension_reactivation_and_revocation_reach_the_receiver_as_signed_sets_in_order_despite_its_refusals() throws Exception {
        String admin = SesameClient.token(SesameClient.bootstrapKey());
        String app = SesameClient.createApplication(admin, "signals");
        JsonObject key = SesameClient.issueKey(admin, app, SesameClient.policy("ses:SendEmail"));
        String keyId = key.getString("keyId");
        refusedSubject = keyId;
        refuseNext.set(2); // the receiver is down for this key's first two pushes
        assertThat(SesameClient.post("/api/v1/admin/keys/" + keyId + "/suspend", admin, null).statusCode()).isEqualTo(200);
        assertThat(SesameClient.post("/api/v1/admin/keys/" + keyId + "/reactivate", admin, null).statusCode()).isEqualTo(200);
        assertThat(SesameClient.post("/api/v1/admin/keys/" + keyId + "/revoke", admin, null).statusCode()).isEqualTo(200);

        List<SignedJWT> sets = await(keyId, 3);
        assertThat(sets.stream().map(s -> {
            try {
                return type(s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).as("in the order they happened, though the first was refused twice").containsExactly(
                "urn:sesame:secevent:credential-suspended", "urn:sesame:secevent:credential-reactivated",
                "https://schemas.openid.net/secevent/caep/event-type/credential-change");
        assertThat(refuseNext.get()).as("the receiver refused two pushes, and the outbox retried past them").isZero();
        SignedJWT revoked = sets.get(2);
        var claims = revoked.getJWTClaimsSet();
        assertThat(revoked.getHeader().getType().getType()).isEqualTo("secevent+jwt");
        assertThat(claims.getIssuer()).isEqualTo("urn:sesame");
        assertThat(claims.getAudience()).containsExactly("http://127.0.0.1:18096/events");
        @SuppressWarnings("unchecked")
        Map<String, Object> change = (Map<String, Object>) claims.getJSONObjectClaim("events")
                .get("https://schemas.openid.net/secevent/caep/event-type/credential-change");
        assertThat(change).containsEntry("change_type", "revoke");
        assertThat(contentTypes).allMatch("application/secevent+jwt"::equals);

        JsonObject outbox = Http.json(SesameClient.get("/api/v1/admin/signals?limit=500", admin));
        assertThat(outbox.getJsonArray("receivers").getString(0)).isEqualTo("http://127.0.0.1:18096/events");
        List<JsonObject> mine = outbox.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(d -> keyId.equals(d.getString("subject", null))).toList();
        assertThat(mine).hasSize(3).allMatch(d -> d.getString("status").equals("delivered"));
        assertThat(mine.stream().mapToInt(d -> d.getInt("attempts")).sum()).as("three deliveries, two of the attempts refused").isEqualTo(5);
        assertThat(SesameClient.get("/api/v1/admin/signals?limit=abc", admin).statusCode()).isEqualTo(400);
    }
}
