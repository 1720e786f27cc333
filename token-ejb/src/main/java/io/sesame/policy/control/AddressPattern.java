package io.sesame.policy.control;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An allowed From (or recipient) pattern: an exact address ({@code noreply@example.com}), every address of
 * one domain ({@code @example.com}), or every address of a domain's subdomains ({@code *.example.com}, which
 * does not include the domain itself, as in SES identity policies).
 */
public record AddressPattern(Kind kind, String value) {

    public enum Kind { ADDRESS, DOMAIN, SUBDOMAINS }

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");

    public static AddressPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty pattern");
        }
        String t = text.strip();
        if (t.startsWith("*.")) {
            return new AddressPattern(Kind.SUBDOMAINS, domain(t.substring(2), text));
        }
        if (t.startsWith("@")) {
            return new AddressPattern(Kind.DOMAIN, domain(t.substring(1), text));
        }
        int at = t.lastIndexOf('@');
        if (at > 0 && LOCAL_PART.matcher(t.substring(0, at)).matches()) {
            return new AddressPattern(Kind.ADDRESS, t.substring(0, at) + "@" + domain(t.substring(at + 1), text));
        }
        throw new IllegalArgumentException("'" + text + "' is not an address, @domain or *.domain");
    }

    static String domain(String candidate, String original) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(lower).matches()) {
            throw new IllegalArgumentException("'" + original + "' does not name a valid domain");
        }
        return lower;
    }

    /** Whether a (syntactically valid) address matches; the domain compares case-insensitively. */
    public boolean matches(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return switch (kind) {
            case ADDRESS -> value.equals(address.substring(0, at) + "@" + domain);
            case DOMAIN -> domain.equals(value);
            case SUBDOMAINS -> domain.endsWith("." + value);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ADDRESS -> value;
            case DOMAIN -> "@" + value;
            case SUBDOMAINS -> "*." + value;
        };
    }
}
