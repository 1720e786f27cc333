package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Base62Test {

    @Test
    void encodes_fixed_width() {
        assertThat(Base62.encode(0, 6)).isEqualTo("000000");
        assertThat(Base62.encode(61, 2)).isEqualTo("0z");
        assertThat(Base62.encode(62, 2)).isEqualTo("10");
        assertThat(Base62.encode(0xFFFFFFFFL, 6)).isEqualTo("4gfFC3");
        assertThatThrownBy(() -> Base62.encode(62 * 62, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void random_uses_the_whole_alphabet_roughly_evenly() {
        String sample = Base62.random(new SecureRandom(), 62_000);
        int[] counts = new int[128];
        sample.chars().forEach(c -> counts[c]++);
        for (char c : Base62.ALPHABET.toCharArray()) {
            assertThat(counts[c]).as("count of %s", c).isBetween(800, 1200);
        }
        assertThat(Base62.isBase62(sample)).isTrue();
        assertThat(Base62.isBase62("abc-")).isFalse();
    }
}
