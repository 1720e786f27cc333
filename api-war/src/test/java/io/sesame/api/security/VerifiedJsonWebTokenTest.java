package io.sesame.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedJsonWebTokenTest {

    private final Instant now = Instant.ofEpochSecond(1_800_000_000L);
    private final JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("urn:sesame").audience("sesame").subject("app_1")
            .claim("client_id", "KEY123").claim("upn", "KEY123").jwtID("jti-1").issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300))).claim("groups", List.of("ses:SendEmail", "ses:GetAccount"))
            .claim("scope", "ses:GetAccount ses:SendEmail").claim("pv", 3).build();
    private final JsonWebToken token = new VerifiedJsonWebToken(claims, "raw.token.value");

    @Test
    void reads_a_sesame_token_with_the_types_mp_jwt_defines() {
        assertThat(token.getName()).as("upn: the key id").isEqualTo("KEY123");
        assertThat(token.getIssuer()).isEqualTo("urn:sesame");
        assertThat(token.getSubject()).isEqualTo("app_1");
        assertThat(token.getTokenID()).isEqualTo("jti-1");
        assertThat(token.getAudience()).isEqualTo(Set.of("sesame"));
        assertThat(token.getGroups()).isEqualTo(Set.of("ses:SendEmail", "ses:GetAccount"));
        assertThat(token.getExpirationTime()).isEqualTo(now.getEpochSecond() + 300);
        assertThat(token.getIssuedAtTime()).isEqualTo(now.getEpochSecond());
        assertThat(token.getRawToken()).isEqualTo("raw.token.value");
        assertThat(token.<JsonString>getClaim("scope").getString()).isEqualTo("ses:GetAccount ses:SendEmail");
        assertThat(token.<JsonNumber>getClaim("pv").intValue()).isEqualTo(3);
        assertThat(token.getClaimNames()).contains("client_id", "groups", "raw_token");
        assertThat(token.containsClaim("nbf")).isFalse();
        assertThat(token.<Object>getClaim("nbf")).isNull();
    }

    @Test
    void falls_back_to_sub_for_the_name_when_there_is_no_upn() {
        JsonWebToken bare = new VerifiedJsonWebToken(new JWTClaimsSet.Builder().subject("app_9").build(), null);
        assertThat(bare.getName()).isEqualTo("app_9");
        assertThat(bare.getGroups()).isEmpty();
        assertThat(bare.getClaimNames()).as("no raw token, no raw_token claim").doesNotContain("raw_token");
    }
}
