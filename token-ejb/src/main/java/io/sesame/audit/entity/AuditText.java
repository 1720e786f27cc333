package io.sesame.audit.entity;

/**
 * Makes any text storable in an audit column, whatever a caller sent: control characters (PostgreSQL refuses NUL in
 * text; CR/LF would forge lines in exports and logs) become U+FFFD, and text longer than the column is cut, ending in
 * {@link #MARKER} so a reader sees it was cut. A row built from these never fails its INSERT for its content.
 */
public final class AuditText {

    /** Ends a value that was cut to fit its column. */
    public static final String MARKER = "…[truncated]";

    private AuditText() {
    }

    /** The text as stored in a column of {@code max} characters; null stays null. */
    public static String bounded(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = withoutControls(text);
        if (clean.length() <= max) {
            return clean;
        }
        int cut = max - MARKER.length();
        if (cut <= 0) {
            return clean.substring(0, max);
        }
        if (Character.isHighSurrogate(clean.charAt(cut - 1))) {
            cut--; // never split a surrogate pair: half of one is not valid UTF-8
        }
        return clean.substring(0, cut) + MARKER;
    }

    private static String withoutControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) || Character.isSurrogate(c) && !wellFormedPairAt(text, i)) {
                StringBuilder out = new StringBuilder(text.length());
                for (int j = 0; j < text.length(); j++) {
                    char d = text.charAt(j);
                    if (isControl(d)) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(d) && j + 1 < text.length() && Character.isLowSurrogate(text.charAt(j + 1))) {
                        out.append(d).append(text.charAt(++j));
                    } else if (Character.isSurrogate(d)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(d);
                    }
                }
                return out.toString();
            }
            if (Character.isHighSurrogate(c)) {
                i++; // the low half of a well-formed pair
            }
        }
        return text;
    }

    private static boolean wellFormedPairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' || c == 0x7F;
    }
}
