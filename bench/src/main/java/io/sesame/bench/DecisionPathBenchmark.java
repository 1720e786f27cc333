package io.sesame.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Decision;
import io.sesame.policy.control.MessageFacts;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyEngine;
import io.sesame.policy.control.PolicyJson;
import io.sesame.sts.control.SessionPolicy;
import io.sesame.sts.control.SessionPolicyGenerator;
import io.sesame.token.boundary.VerifiedTokens;
import io.sesame.token.control.AccessTokenIssuer;
import io.sesame.token.control.AccessTokenVerifier;
import io.sesame.token.control.ApiKeyFormat;
import io.sesame.token.control.ApiKeySecret;
import io.sesame.token.control.KeyHasher;
import io.sesame.token.control.SigningKeyVersion;
import jakarta.json.Json;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision path of one request, piece by piece, on one thread: API-key parse + checksum + keyed-hash check
 * against an in-memory table, access-token verification, policy evaluation with a realistic policy (5 From patterns,
 * 20 recipient domains, rate, quota), session-policy generation, and token issuance with ES256 (Sesame's) and RS256.
 * Throughput (ops/s) and sampled latency (p50/p99 in µs) modes.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class DecisionPathBenchmark {

    static final String ISSUER = "urn:sesame";
    static final String AUDIENCE = "sesame";

    KeyHasher hasher;
    String presentedKey;
    Map<String, String> storedHashes;
    AccessPolicy policy;
    MessageFacts message;
    SessionPolicyGenerator generator;
    AccessTokenIssuer issuer;
    AccessTokenVerifier verifier;
    SigningKeyVersion signingKey;
    JWKSet jwks;
    String token;
    RSAKey rsaKey;
    RSASSASigner rsaSigner;
    VerifiedTokens verifiedTokens;

    @Setup
    public void setUp() throws JOSEException {
        SecureRandom random = new SecureRandom();
        hasher = new KeyHasher("bench-pepper-".repeat(4));
        storedHashes = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            ApiKeySecret other = ApiKeyFormat.generate(random);
            storedHashes.put(other.keyId(), hasher.hash(other));
        }
        ApiKeySecret mine = ApiKeyFormat.generate(random);
        storedHashes.put(mine.keyId(), hasher.hash(mine));
        presentedKey = mine.reveal();

        StringBuilder domains = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            domains.append(i == 0 ? "" : ",").append("\"customers").append(i).append(".example\"");
        }
        policy = PolicyJson.parse(Json.createReader(new StringReader("{\"permissions\":[\"ses:SendEmail\",\"ses:SendBulkEmail\","
                + "\"ses:GetAccount\"],\"scope\":{\"fromAddresses\":[\"noreply@shop.example.com\",\"orders@shop.example.com\","
                + "\"@news.example.com\",\"@billing.example.com\",\"support@help.example.com\"],\"recipientDomainsAllow\":[" + domains
                + "],\"recipientDomainsDeny\":[\"competitor.example\"],\"maxRecipients\":10,\"ratePerSecond\":50,"
                + "\"dailyQuota\":100000,\"configurationSet\":\"transactional\"}}")).readObject());
        message = new MessageFacts("noreply@shop.example.com", "Shop", List.of("ada@customers7.example", "bob@eu.customers13.example",
                "cy@customers19.example"), null, "transactional");
        generator = new SessionPolicyGenerator("us-east-1", "123456789012");

        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        signingKey = new SigningKeyVersion("bench", ec, Instant.now().minusSeconds(60), Instant.now().minusSeconds(60), null, null);
        jwks = new JWKSet(ec.toPublicJWK());
        issuer = new AccessTokenIssuer(ISSUER, AUDIENCE);
        verifier = new AccessTokenVerifier(ISSUER, AUDIENCE);
        token = issuer.issue(signingKey, "app_bench", mine.keyId(), 1, policy.permissions(), Instant.now(), Duration.ofHours(1),
                "jti-bench").token();
        verifiedTokens = new VerifiedTokens();
        verifiedTokens.put(token, verifier.verify(token, jwks).orElseThrow(), Instant.now());
        rsaKey = new RSAKeyGenerator(2048).keyID("bench-rsa").generate();
        rsaSigner = new RSASSASigner(rsaKey);
    }

    /** Parse, checksum, look up the stored hash and compare in constant time (no database: the directory cache). */
    @Benchmark
    public boolean apiKeyCheck() {
        ApiKeySecret presented = ApiKeyFormat.parse(presentedKey);
        return hasher.matches(presented, storedHashes.get(presented.keyId()));
    }

    @Benchmark
    public Object accessTokenVerification() {
        return verifier.verify(token, jwks).orElseThrow();
    }

    @Benchmark
    public Decision policyEvaluation() {
        return PolicyEngine.evaluate(Permission.SEND_EMAIL, policy.permissions(), policy.scope(), message, "10.1.2.3", false);
    }

    /** The three together: what a send costs before any I/O. */
    @Benchmark
    public Decision wholeDecisionPath() {
        ApiKeySecret presented = ApiKeyFormat.parse(presentedKey);
        if (!hasher.matches(presented, storedHashes.get(presented.keyId()))) {
            throw new IllegalStateException();
        }
        verifier.verify(token, jwks).orElseThrow();
        return PolicyEngine.evaluate(Permission.SEND_EMAIL, policy.permissions(), policy.scope(), message, "10.1.2.3", false);
    }

    /**
     * What Sesame does per request since tokens are verified once (VerifiedTokens): key check, a cache hit for the
     * token, the policy. The signature cost moves to the first request of each token.
     */
    @Benchmark
    public Decision wholeDecisionPathCachedToken() {
        ApiKeySecret presented = ApiKeyFormat.parse(presentedKey);
        if (!hasher.matches(presented, storedHashes.get(presented.keyId()))) {
            throw new IllegalStateException();
        }
        if (verifiedTokens.get(token, Instant.now()) == null) {
            throw new IllegalStateException();
        }
        return PolicyEngine.evaluate(Permission.SEND_EMAIL, policy.permissions(), policy.scope(), message, "10.1.2.3", false);
    }

    @Benchmark
    public SessionPolicy sessionPolicyGeneration() {
        return generator.generate(policy.permissions(), policy.scope());
    }

    /** API key → signed access token, as POST /oauth/token does it (ES256, Sesame's algorithm). */
    @Benchmark
    public String tokenIssuanceEs256() {
        ApiKeySecret presented = ApiKeyFormat.parse(presentedKey);
        if (!hasher.matches(presented, storedHashes.get(presented.keyId()))) {
            throw new IllegalStateException();
        }
        return issuer.issue(signingKey, "app_bench", presented.keyId(), 1, policy.permissions(), Instant.now(), Duration.ofMinutes(5),
                "jti").token();
    }

    /** The same claims signed RS256 (2048-bit), for comparison: why Sesame signs with ES256. */
    @Benchmark
    public String tokenIssuanceRs256() throws JOSEException {
        ApiKeySecret presented = ApiKeyFormat.parse(presentedKey);
        if (!hasher.matches(presented, storedHashes.get(presented.keyId()))) {
            throw new IllegalStateException();
        }
        Instant now = Instant.now();
        Set<Permission> granted = EnumSet.copyOf(policy.permissions());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("app_bench")
                .claim("client_id", presented.keyId()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID("jti").claim("groups", granted.stream().map(Permission::action).toList()).claim("pv", 1).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenIssuer.ACCESS_TOKEN_TYPE)
                .keyID(rsaKey.getKeyID()).build(), claims);
        jwt.sign(rsaSigner);
        return jwt.serialize();
    }
}
