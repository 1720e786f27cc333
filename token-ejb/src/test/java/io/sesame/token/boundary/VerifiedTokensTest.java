package io.sesame.token.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final Instant now = Instant.parse("2026-11-28T12:00:00Z");

    private JWTClaimsSet expiring(Instant at) {
        return new JWTClaimsSet.Builder().jwtID("j").expirationTime(Date.from(at)).build();
    }

    @Test
    void a_verified_token_is_remembered_until_it_expires() {
        VerifiedTokens cache = new VerifiedTokens();
        cache.put("t1", expiring(now.plusSeconds(300)), now);
        assertThat(cache.get("t1", now.plusSeconds(299))).isNotNull();
        assertThat(cache.get("t1", now.plusSeconds(300))).as("expired: verified again, and refused").isNull();
        assertThat(cache.get("t1", now)).as("forgotten once expired").isNull();
        assertThat(cache.get("other", now)).isNull();
    }

    @Test
    void expired_or_unexpiring_tokens_are_not_remembered() {
        VerifiedTokens cache = new VerifiedTokens(100, Runnable::run);
        cache.put("expired", expiring(now), now);
        cache.put("no-exp", new JWTClaimsSet.Builder().jwtID("j").build(), now);
        assertThat(cache.get("expired", now.minusSeconds(1))).isNull();
        assertThat(cache.get("no-exp", now)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void the_cache_stays_bounded() {
        VerifiedTokens cache = new VerifiedTokens(100, Runnable::run);
        for (int i = 0; i < 1_000; i++) {
            cache.put("t" + i, expiring(now.plusSeconds(300)), now);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void filling_beyond_the_maximum_does_not_evict_everything() {
        int maximum = 100;
        VerifiedTokens cache = new VerifiedTokens(maximum, Runnable::run);
        for (int i = 0; i < maximum; i++) {
            cache.put("t" + i, expiring(now.plusSeconds(300)), now);
        }
        // Tokens in use are read again and again; a burst of new ones must not push them all out.
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < maximum; i++) {
                cache.get("t" + i, now);
            }
        }
        for (int i = maximum; i < maximum + 10; i++) {
            cache.put("t" + i, expiring(now.plusSeconds(300)), now);
        }
        int remembered = 0;
        for (int i = 0; i < maximum + 10; i++) {
            if (cache.get("t" + i, now) != null) {
                remembered++;
            }
        }
        assertThat(cache.size()).isLessThanOrEqualTo(maximum);
        assertThat(remembered).as("only a few evicted, not everything").isGreaterThanOrEqualTo(maximum - 10);
        int hot = 0;
        for (int i = 0; i < maximum; i++) {
            if (cache.get("t" + i, now) != null) {
                hot++;
            }
        }
        assertThat(hot).as("the tokens in use stay").isGreaterThanOrEqualTo(maximum - 10);
    }
}
