package io.sesame.platform.control;

import java.security.SecureRandom;

/** Base62 (0-9, A-Z, a-z): URL-, shell- and double-click-safe, as GitHub's token format uses. */
public final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Base62() {
    }

    /** {@code length} characters drawn uniformly (no modulo bias: 62 divides none of 256's ranges, so reject). */
    public static String random(SecureRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        byte[] buffer = new byte[length * 2];
        while (out.length() < length) {
            random.nextBytes(buffer);
            for (int i = 0; i < buffer.length && out.length() < length; i++) {
                int b = buffer[i] & 0xFF;
                if (b < 248) { // 248 = 4 * 62: keeps the distribution uniform
                    out.append(ALPHABET.charAt(b % 62));
                }
            }
        }
        return out.toString();
    }

    /** Fixed-width encoding of a non-negative number, left-padded with '0'. */
    public static String encode(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value");
        }
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        if (value != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }

    public static boolean isBase62(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
