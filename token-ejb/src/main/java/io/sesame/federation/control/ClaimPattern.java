package io.sesame.federation.control;

import java.util.Objects;

/**
 * A value a trust policy expects in a claim: literal text where {@code *} stands for any run of characters (none
 * included), matched against the whole value, case-sensitively. Only {@code *} is special, so a pattern is read the way
 * GitHub's and Kubernetes' subject strings are written ({@code repo:acme/billing:ref:refs/heads/*}); no regular
 * expressions, so nothing an admin types can backtrack for long (the matcher is linear in practice, O(n·m) at worst).
 */
public final class ClaimPattern {

    public static final int MAX_LENGTH = 500;
    static final int MAX_STARS = 8;

    private final String pattern;

    private ClaimPattern(String pattern) {
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException when empty, longer than {@value #MAX_LENGTH}, with control characters, more than
     *                                  {@value #MAX_STARS} stars, or nothing but stars (it would trust every value)
     */
    public static ClaimPattern of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        long stars = pattern.chars().filter(c -> c == '*').count();
        if (stars > MAX_STARS) {
            throw new IllegalArgumentException("may hold at most " + MAX_STARS + " '*'");
        }
        if (stars == pattern.length()) {
            throw new IllegalArgumentException("must hold some literal text: '" + pattern + "' would match every value");
        }
        if (pattern.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT)) {
            // format characters (bidi overrides, zero-width) would make a pattern read differently than it matches
            throw new IllegalArgumentException("must not contain control or invisible format characters");
        }
        return new ClaimPattern(pattern);
    }

    public boolean isLiteral() {
        return pattern.indexOf('*') < 0;
    }

    /** Whether {@code value} matches the whole pattern; null never matches. */
    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        // Wildcard matching with one backtrack point (the last star seen): the classic two-pointer algorithm.
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClaimPattern other && pattern.equals(other.pattern);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern);
    }
}
