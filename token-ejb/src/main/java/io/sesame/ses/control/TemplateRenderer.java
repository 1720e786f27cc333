package io.sesame.ses.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's rendering of SES templates: {@code {{name}}} and dotted paths ({@code {{order.id}}}) are
 * replaced by the template data; a missing value is an error, as with SES's strict rendering. Section and
 * helper syntax ({@code {{#each}}} …) is not supported by the sandbox (SES's own rendering applies with the aws
 * transport).
 */
public final class TemplateRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    private TemplateRenderer() {
    }

    public static EmailTemplate render(EmailTemplate template, JsonObject data) {
        return new EmailTemplate(template.name(), render(template.subject(), data), render(template.text(), data),
                render(template.html(), data));
    }

    static String render(String text, JsonObject data) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup(data, m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String lookup(JsonObject data, String path) {
        JsonValue value = data;
        for (String part : path.split("\\.")) {
            if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT || !value.asJsonObject().containsKey(part)) {
                throw new IllegalArgumentException("template data has no value for '" + path + "'");
            }
            value = value.asJsonObject().get(part);
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
