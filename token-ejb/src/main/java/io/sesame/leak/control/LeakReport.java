package io.sesame.leak.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One secret a scanner found: the token as found, its type (the scanner's name for the format), where it was found, and
 * the scanner's source label. Bounded: at most {@value #MAX_ENTRIES} per report; fields are cut, never trusted.
 */
public record LeakReport(String token, String type, String url, String source) {

    public static final int MAX_ENTRIES = 1_000;
    static final int MAX_TOKEN = 200;
    static final int MAX_URL = 2_000;
    static final int MAX_LABEL = 100;

    /**
     * GitHub's payload: a JSON array of {@code {"token", "type", "url", "source"}}.
     *
     * @throws IllegalArgumentException when it is not that shape, with a reason safe to return
     */
    public static List<LeakReport> github(JsonValue body) {
        if (!(body instanceof JsonArray array)) {
            throw new IllegalArgumentException("the body must be a JSON array of {token, type, url, source}");
        }
        return entries(array, "token");
    }

    /** The admin endpoint's body: {@code {"keys": [{"key", "url", "source"}]}} (the type is Sesame's own). */
    public static List<LeakReport> generic(JsonValue body) {
        if (!(body instanceof JsonObject object) || !(object.get("keys") instanceof JsonArray array)) {
            throw new IllegalArgumentException("the body must be {\"keys\": [{\"key\": \"sesame_…\", \"url\": \"…\", \"source\": \"…\"}]}");
        }
        return entries(array, "key");
    }

    private static List<LeakReport> entries(JsonArray array, String tokenField) {
        if (array.isEmpty() || array.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("1-" + MAX_ENTRIES + " entries are accepted per report");
        }
        List<LeakReport> reports = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject entry) || !(entry.get(tokenField) instanceof JsonString token)) {
                throw new IllegalArgumentException("each entry needs a string " + tokenField);
            }
            reports.add(new LeakReport(cut(token.getString(), MAX_TOKEN), label(entry, "type", "sesame_api_key"),
                    text(entry, "url", MAX_URL), label(entry, "source", null)));
        }
        return List.copyOf(reports);
    }

    private static String label(JsonObject entry, String field, String fallback) {
        String value = text(entry, field, MAX_LABEL);
        return value == null ? fallback : value;
    }

    private static String text(JsonObject entry, String field, int max) {
        return entry.get(field) instanceof JsonString s ? cut(io.sesame.platform.control.Printable.clean(s.getString()), max) : null;
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
