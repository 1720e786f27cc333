package io.sesame.federation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ClaimPatternTest {

    @Test
    void a_literal_matches_only_itself_whole_and_case_sensitively() {
        ClaimPattern p = ClaimPattern.of("repo:acme/billing:ref:refs/heads/main");
        assertThat(p.isLiteral()).isTrue();
        assertThat(p.matches("repo:acme/billing:ref:refs/heads/main")).isTrue();
        assertThat(p.matches("repo:acme/billing:ref:refs/heads/main2")).isFalse();
        assertThat(p.matches("xrepo:acme/billing:ref:refs/heads/main")).isFalse();
        assertThat(p.matches("repo:ACME/billing:ref:refs/heads/main")).isFalse();
        assertThat(p.matches("")).isFalse();
        assertThat(p.matches(null)).isFalse();
    }

    @Test
    void a_star_matches_any_run_including_slashes_colons_and_nothing() {
        ClaimPattern p = ClaimPattern.of("repo:acme/billing:ref:refs/heads/*");
        assertThat(p.matches("repo:acme/billing:ref:refs/heads/main")).isTrue();
        assertThat(p.matches("repo:acme/billing:ref:refs/heads/")).isTrue();
        assertThat(p.matches("repo:acme/billing:ref:refs/heads/feature/x:y")).isTrue();
        assertThat(p.matches("repo:acme/billing-evil:ref:refs/heads/main")).isFalse();
        assertThat(p.matches("repo:acme/billing:pull_request")).isFalse();
        ClaimPattern middle = ClaimPattern.of("repo:acme/*:environment:production");
        assertThat(middle.matches("repo:acme/billing:environment:production")).isTrue();
        assertThat(middle.matches("repo:acme/billing:environment:production-eu")).isFalse();
        assertThat(middle.matches("repo:evil/x:environment:production:repo:acme/y:environment:production")).isFalse();
        assertThat(ClaimPattern.of("a*b*c").matches("aXXbYYbZZc")).isTrue();
        assertThat(ClaimPattern.of("a*b*c").matches("aXXcYYb")).isFalse();
    }

    @Test
    void regex_metacharacters_are_literal() {
        ClaimPattern p = ClaimPattern.of("repo:acme/.+:ref:[a-z]");
        assertThat(p.matches("repo:acme/.+:ref:[a-z]")).isTrue();
        assertThat(p.matches("repo:acme/billing:ref:a")).isFalse();
        assertThat(ClaimPattern.of("a?c").matches("abc")).isFalse();
    }

    @Test
    void patterns_that_trust_everything_or_break_bounds_are_refused() {
        for (String bad : new String[] {"", "*", "**", "a\u0000b", "a\nb", "repo:acme/\u202Eb", "repo:ac\u200Bme", "x".repeat(ClaimPattern.MAX_LENGTH + 1), "a*b*c*d*e*f*g*h*i*j"}) {
            assertThatThrownBy(() -> ClaimPattern.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ClaimPattern.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ClaimPattern.of("x".repeat(ClaimPattern.MAX_LENGTH)).matches("x".repeat(ClaimPattern.MAX_LENGTH))).isTrue();
    }

    @Test
    void a_hostile_value_against_many_stars_does_not_backtrack_for_long() {
        ClaimPattern p = ClaimPattern.of("a*a*a*a*a*a*a*a*b");
        String value = "a".repeat(100_000);
        // a regular expression with eight .* would run for hours here; the two-pointer matcher does ~2 million steps
        assertThat(p.matches(value)).isFalse();
        assertThat(p.matches(value + "b")).isTrue();
    }

    @Property
    void a_literal_pattern_matches_exactly_equal_strings(@ForAll @StringLength(min = 1, max = 40) String a,
                                                         @ForAll @StringLength(max = 40) String b) {
        String literal = a.replace('*', 'x').replaceAll("[\\p{Cntrl}\\p{Cf}]", "c");
        ClaimPattern p = ClaimPattern.of(literal);
        assertThat(p.matches(b)).isEqualTo(literal.equals(b));
        assertThat(p.matches(literal)).isTrue();
    }

    @Property
    void a_prefix_star_pattern_is_startsWith(@ForAll @StringLength(min = 1, max = 20) String prefix,
                                             @ForAll @StringLength(max = 40) String value) {
        String literal = prefix.replace('*', 'x').replaceAll("[\\p{Cntrl}\\p{Cf}]", "c");
        assertThat(ClaimPattern.of(literal + "*").matches(value)).isEqualTo(value.startsWith(literal));
    }
}
