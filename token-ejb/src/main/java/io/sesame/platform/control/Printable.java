package io.sesame.platform.control;

import java.util.regex.Pattern;

/** Text from outside (a remote document, a token's claim, a scanner's report) made safe for one line of a log or the audit. */
public final class Printable {

    /** Control characters (C0 and C1), invisible format characters (bidi overrides, zero-width) and line/paragraph separators. */
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private Printable() {
    }

    /** Each unsafe character replaced by {@code ?}; null stays null. */
    public static String clean(String text) {
        return text == null ? null : UNSAFE.matcher(text).replaceAll("?");
    }

    /** {@link #clean}, cut to {@code max} characters and an ellipsis when longer; null stays null. */
    public static String line(String text, int max) {
        String clean = clean(text);
        return clean == null || clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }
}
