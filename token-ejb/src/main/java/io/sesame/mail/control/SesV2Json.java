package io.sesame.mail.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;

/**
 * Translates SES v2 REST-JSON request bodies (SendEmail, SendBulkEmail) into Sesame's own message JSON, so that the
 * SES-compatible endpoint goes through exactly the same reader, policy engine, audit and transport as
 * {@code POST /api/v1/emails}. Fields Sesame does not support are refused by name rather than ignored.
 */
public final class SesV2Json {

    static final Set<String> SEND_FIELDS = Set.of("FromEmailAddress", "Destination", "ReplyToAddresses", "Content",
            "ConfigurationSetName", "EmailTags", "FromEmailAddressIdentityArn");
    static final Set<String> BULK_FIELDS = Set.of("FromEmailAddress", "ReplyToAddresses", "DefaultContent", "BulkEmailEntries",
            "ConfigurationSetName", "DefaultEmailTags", "FromEmailAddressIdentityArn");

    private SesV2Json() {
    }

    /** @throws InvalidMessageException naming the SES field */
    public static JsonObject sendEmail(JsonObject ses) {
        known(ses, SEND_FIELDS, "");
        JsonObjectBuilder out = Json.createObjectBuilder();
        JsonObject content = object(ses, "Content", true);
        known(content, Set.of("Simple", "Raw", "Template"), "Content.");
        if (content.size() != 1) {
            throw new InvalidMessageException("Content", "exactly one of Simple, Raw or Template");
        }
        if (content.containsKey("Raw")) {
            JsonObject raw = object(content, "Raw", true);
            known(raw, Set.of("Data"), "Content.Raw.");
            out.add("raw", string(raw, "Data", true, "Content.Raw."));
            String from = string(ses, "FromEmailAddress", false, "");
            if (from != null) {
                out.add("from", from); // must then name the raw message's From address
            }
            JsonObject destination = object(ses, "Destination", false);
            if (destination != null) {
                // To and Cc must then be the raw message's own To and Cc (checked by the reader); Bcc are hidden recipients
                destination(destination, out, "Destination.");
            }
            if (ses.containsKey("ReplyToAddresses")) {
                throw new InvalidMessageException("ReplyToAddresses", "not allowed with Raw content: use the message's Reply-To header");
            }
        } else {
            string(ses, "FromEmailAddress", true, "");
            out.add("from", ses.getString("FromEmailAddress"));
            destination(object(ses, "Destination", false), out, "Destination.");
            if (content.containsKey("Simple")) {
                JsonObject simple = object(content, "Simple", true);
                known(simple, Set.of("Subject", "Body", "Headers"), "Content.Simple.");
                if (simple.containsKey("Headers")) {
                    throw new InvalidMessageException("Content.Simple.Headers", "custom headers are not supported by Sesame");
                }
                out.add("subject", data(object(simple, "Subject", true), "Content.Simple.Subject."));
                JsonObject body = object(simple, "Body", true);
                known(body, Set.of("Text", "Html"), "Content.Simple.Body.");
                if (body.containsKey("Text")) {
                    out.add("text", data(object(body, "Text", true), "Content.Simple.Body.Text."));
                }
                if (body.containsKey("Html")) {
                    out.add("html", data(object(body, "Html", true), "Content.Simple.Body.Html."));
                }
            } else {
                JsonObject template = object(content, "Template", true);
                known(template, Set.of("TemplateName", "TemplateData", "TemplateArn"), "Content.Template.");
                out.add("template", templateName(template, "Content.Template."));
                String data = string(template, "TemplateData", false, "Content.Template.");
                if (data != null) {
                    out.add("templateData", parseObject(data, "Content.Template.TemplateData"));
                }
            }
        }
        replyTo(ses, out);
        common(ses, out, "EmailTags");
        return out.build();
    }

    /** @throws InvalidMessageException naming the SES field */
    public static JsonObject sendBulkEmail(JsonObject ses) {
        known(ses, BULK_FIELDS, "");
        JsonObjectBuilder out = Json.createObjectBuilder().add("from", string(ses, "FromEmailAddress", true, ""));
        JsonObject content = object(ses, "DefaultContent", true);
        known(content, Set.of("Template"), "DefaultContent.");
        JsonObject template = object(content, "Template", true);
        known(template, Set.of("TemplateName", "TemplateData", "TemplateArn"), "DefaultContent.Template.");
        out.add("template", templateName(template, "DefaultContent.Template."));
        String defaults = string(template, "TemplateData", false, "DefaultContent.Template.");
        if (defaults != null) {
            out.add("defaultTemplateData", parseObject(defaults, "DefaultContent.Template.TemplateData"));
        }
        JsonValue entries = ses.get("BulkEmailEntries");
        if (entries == null || entries.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidMessageException("BulkEmailEntries", "an array of entries is required");
        }
        JsonArrayBuilder destinations = Json.createArrayBuilder();
        int i = 0;
        for (JsonValue entry : entries.asJsonArray()) {
            String path = "BulkEmailEntries[" + i++ + "].";
            if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidMessageException(path, "must be an object");
            }
            JsonObject e = entry.asJsonObject();
            known(e, Set.of("Destination", "ReplacementEmailContent", "ReplacementTags", "ReplacementHeaders"), path);
            if (e.containsKey("ReplacementTags") || e.containsKey("ReplacementHeaders")) {
                throw new InvalidMessageException(path + "ReplacementTags", "per-entry tags and headers are not supported by Sesame");
            }
            JsonObjectBuilder d = Json.createObjectBuilder();
            destination(object(e, "Destination", true), d, path + "Destination.");
            JsonObject replacement = object(e, "ReplacementEmailContent", false);
            if (replacement != null) {
                JsonObject rt = object(replacement, "ReplacementTemplate", false);
                String data = rt == null ? null : string(rt, "ReplacementTemplateData", false, path + "ReplacementEmailContent.ReplacementTemplate.");
                if (data != null) {
                    d.add("templateData", parseObject(data, path + "ReplacementEmailContent.ReplacementTemplate.ReplacementTemplateData"));
                }
            }
            destinations.add(d);
        }
        out.add("destinations", destinations);
        replyTo(ses, out);
        common(ses, out, "DefaultEmailTags");
        return out.build();
    }

    private static void destination(JsonObject destination, JsonObjectBuilder out, String path) {
        if (destination == null) {
            return;
        }
        known(destination, Set.of("ToAddresses", "CcAddresses", "BccAddresses"), path);
        copyList(destination, "ToAddresses", out, "to", path);
        copyList(destination, "CcAddresses", out, "cc", path);
        copyList(destination, "BccAddresses", out, "bcc", path);
    }

    private static void replyTo(JsonObject ses, JsonObjectBuilder out) {
        copyList(ses, "ReplyToAddresses", out, "replyTo", "");
    }

    private static void common(JsonObject ses, JsonObjectBuilder out, String tagsField) {
        String configurationSet = string(ses, "ConfigurationSetName", false, "");
        if (configurationSet != null) {
            out.add("configurationSet", configurationSet);
        }
        if (ses.containsKey("FromEmailAddressIdentityArn")) {
            throw new InvalidMessageException("FromEmailAddressIdentityArn", "sending authorization is not supported by Sesame");
        }
        JsonValue tags = ses.get(tagsField);
        if (tags != null && tags != JsonValue.NULL) {
            if (tags.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidMessageException(tagsField, "must be an array of {Name, Value}");
            }
            JsonObjectBuilder map = Json.createObjectBuilder();
            for (JsonValue tag : tags.asJsonArray()) {
                if (tag.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new InvalidMessageException(tagsField, "must be an array of {Name, Value}");
                }
                map.add(string(tag.asJsonObject(), "Name", true, tagsField + "[]."), string(tag.asJsonObject(), "Value", true, tagsField + "[]."));
            }
            out.add("tags", map);
        }
    }

    private static String templateName(JsonObject template, String path) {
        if (template.containsKey("TemplateArn") && !template.containsKey("TemplateName")) {
            String arn = string(template, "TemplateArn", true, path);
            int slash = arn.lastIndexOf('/');
            return arn.substring(slash + 1);
        }
        return string(template, "TemplateName", true, path);
    }

    private static String data(JsonObject content, String path) {
        return string(content, "Data", true, path);
    }

    private static void copyList(JsonObject from, String field, JsonObjectBuilder out, String name, String path) {
        JsonValue value = from.get(field);
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidMessageException(path + field, "must be an array of addresses");
        }
        JsonArray array = value.asJsonArray();
        if (!array.isEmpty()) {
            out.add(name, array);
        }
    }

    private static JsonObject object(JsonObject from, String field, boolean required) {
        JsonValue value = from.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw new InvalidMessageException(field, "is required");
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidMessageException(field, "must be an object");
        }
        return value.asJsonObject();
    }

    private static String string(JsonObject from, String field, boolean required, String path) {
        JsonValue value = from.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw new InvalidMessageException(path + field, "is required");
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidMessageException(path + field, "must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static JsonObject parseObject(String text, String path) {
        try {
            JsonValue value = Json.createReader(new StringReader(text)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidMessageException(path, "must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidMessageException(path, "is not valid JSON");
        }
    }

    private static void known(JsonObject object, Set<String> fields, String path) {
        for (String key : object.keySet()) {
            if (!fields.contains(key)) {
                throw new InvalidMessageException(path + key, "not supported by Sesame's SES endpoint");
            }
        }
    }
}
