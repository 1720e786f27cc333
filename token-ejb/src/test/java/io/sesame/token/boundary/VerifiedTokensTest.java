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
    void the_cache_stays_bounded() {
        VerifiedTokens cache = new VerifiedTokens();
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES + 10; i++) {
            cache.put("t" + i, expiring(now.plusSeconds(300)), now);
        }
        assertThat(cache.get("t" + (VerifiedTokens.MAX_ENTRIES + 9), now)).isNotNull();
        assertThat(cache.get("t0", now)).as("cleared when full").isNull();
    }
}
