package io.sesame.sts.control;

import io.sesame.policy.control.PolicyJson;
import java.time.Duration;
import java.time.Instant;

/**
 * How long vended AWS credentials live: what the caller asked for (1 hour when silent), clamped to STS's 900 s
 * minimum and to the key policy's maximum (at most 43,200 s), and never beyond the key's own expiry — a key that
 * expires in less than 15 minutes gets no credentials at all.
 */
public final class CredentialLifetime {

    public static final int DEFAULT_SECONDS = 3600;

    private CredentialLifetime() {
    }

    /** @throws IllegalStateException when the key expires before STS's minimum lifetime */
    public static int seconds(Integer requested, Integer policyMax, Instant now, Instant keyExpiresAt) {
        long max = policyMax == null ? PolicyJson.MAX_CREDENTIAL_SECONDS : Math.min(policyMax, PolicyJson.MAX_CREDENTIAL_SECONDS);
        long untilExpiry = Duration.between(now, keyExpiresAt).getSeconds();
        if (untilExpiry < PolicyJson.MIN_CREDENTIAL_SECONDS) {
            throw new IllegalStateException("the key expires in " + Math.max(0, untilExpiry) + " s, less than the "
                    + PolicyJson.MIN_CREDENTIAL_SECONDS + " s STS needs at least: rotate it first");
        }
        long wanted = requested == null ? DEFAULT_SECONDS : requested;
        long seconds = Math.max(PolicyJson.MIN_CREDENTIAL_SECONDS, Math.min(wanted, Math.min(max, untilExpiry)));
        return (int) seconds;
    }
}
