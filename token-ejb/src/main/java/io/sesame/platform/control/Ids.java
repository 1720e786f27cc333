package io.sesame.platform.control;

import java.security.SecureRandom;

/** Public identifiers: random, so that they reveal neither counts nor order. */
public final class Ids {

    private Ids() {
    }

    public static String application(SecureRandom random) {
        return "app_" + Base62.random(random, 16);
    }

    public static String secret(SecureRandom random, int length) {
        return Base62.random(random, length);
    }
}
