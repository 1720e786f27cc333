package io.sesame.token.boundary;

import static io.sesame.platform.control.ConfigValues.present;

import io.sesame.platform.boundary.SesameSettings;
import io.sesame.token.control.KeyAttention;
import io.sesame.token.control.KeyHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of keys, access tokens and signing keys ({@code sesame.keys.*}, {@code sesame.tokens.*}, {@code sesame.signing.*}). */
@ApplicationScoped
public class TokenSettings {

    @Inject
    SesameSettings platform;

    @Inject
    @ConfigProperty(name = "sesame.keys.max-lifetime-days", defaultValue = "90")
    int keyMaxLifetimeDays;

    @Inject
    @ConfigProperty(name = "sesame.signing.encryption-key")
    Optional<String> signingEncryptionKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String tokenIssuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String tokenAudience;

    @Inject
    @ConfigProperty(name = "sesame.tokens.default-ttl-seconds", defaultValue = "300")
    int defaultTokenTtlSeconds;

    @Inject
    @ConfigProperty(name = "sesame.tokens.clock-skew-seconds", defaultValue = "5")
    int clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "sesame.oauth.failures-per-address", defaultValue = "30")
    int exchangeFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "sesame.oauth.failures-per-address-and-key", defaultValue = "10")
    int exchangeFailuresPerAddressAndKey;

    @Inject
    @ConfigProperty(name = "sesame.signing.rotation-days", defaultValue = "30")
    int signingRotationDays;

    @Inject
    @ConfigProperty(name = "sesame.signing.jwks-max-age-seconds", defaultValue = "300")
    int jwksMaxAgeSeconds;

    @Inject
    @ConfigProperty(name = "sesame.keys.revoke-family-on-reuse", defaultValue = "true")
    boolean revokeFamilyOnReuse;

    @Inject
    @ConfigProperty(name = "sesame.keys.default-grace-seconds", defaultValue = "86400")
    long defaultGraceSeconds;

    @Inject
    @ConfigProperty(name = "sesame.keys.expiry-warning-days", defaultValue = "14,7,1")
    List<Integer> expiryWarningDays;

    @Inject
    @ConfigProperty(name = "sesame.keys.unused-flag-days", defaultValue = "30")
    int unusedFlagDays;

    private volatile KeyHasher keyHasher;

    /**
     * The API key hasher under the configured pepper, built once.
     *
     * @throws io.sesame.platform.control.SesameException 503 when the pepper is missing or too short
     */
    public KeyHasher keyHasher() {
        KeyHasher hasher = keyHasher;
        if (hasher == null) {
            hasher = new KeyHasher(platform.pepper());
            keyHasher = hasher;
        }
        return hasher;
    }

    public int keyMaxLifetimeDays() {
        return keyMaxLifetimeDays;
    }

    public Optional<String> signingEncryptionKey() {
        return present(signingEncryptionKey);
    }

    public String tokenIssuer() {
        return tokenIssuer;
    }

    /** The first configured audience: the one Sesame writes into its tokens. */
    public String tokenAudience() {
        return tokenAudience.split(",")[0].strip();
    }

    public Duration defaultTokenTtl() {
        return Duration.ofSeconds(defaultTokenTtlSeconds);
    }

    /** How long past {@code exp} a token is still taken, for clocks that disagree (0–60 s; checked by the verifier). */
    public Duration clockSkew() {
        return Duration.ofSeconds(clockSkewSeconds);
    }

    /** Failed token exchanges allowed per minute from one address. */
    public int exchangeFailuresPerAddress() {
        return exchangeFailuresPerAddress;
    }

    /** Failed token exchanges allowed per minute from one address for one key id. */
    public int exchangeFailuresPerAddressAndKey() {
        return exchangeFailuresPerAddressAndKey;
    }

    public Duration signingRotationPeriod() {
        return Duration.ofDays(signingRotationDays);
    }

    /** How long verifiers may cache the JWKS; a new signing key is published at least this long (plus a margin) before use. */
    public Duration jwksMaxAge() {
        return Duration.ofSeconds(jwksMaxAgeSeconds);
    }

    public boolean revokeFamilyOnReuse() {
        return revokeFamilyOnReuse;
    }

    public Duration defaultGrace() {
        return Duration.ofSeconds(defaultGraceSeconds);
    }

    /** Days before expiry at which hygiene warns, latest first. */
    public List<Integer> expiryWarningDays() {
        return expiryWarningDays.stream().sorted(Comparator.reverseOrder()).toList();
    }

    public int unusedFlagDays() {
        return unusedFlagDays;
    }

    /** The thresholds for "expiring soon" (the earliest expiry warning) and "unused", shared by hygiene and the views. */
    public KeyAttention keyAttention() {
        return new KeyAttention(expiryWarningDays().isEmpty() ? 14 : expiryWarningDays().get(0), unusedFlagDays);
    }
}
