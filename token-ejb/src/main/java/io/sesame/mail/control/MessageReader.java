package io.sesame.mail.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /api/v1/emails} into an {@link OutgoingEmail}, rejecting anything SES would
 * refuse or an attacker could abuse: header injection (CR, LF or NUL in any simple field), malformed addresses,
 * mixed message kinds. Raw MIME is parsed with Jakarta Mail, and the same rules apply to its headers.
 */
public final class MessageReader {

    /** SES's limit for a raw message, 10 MB before base64 (v2 API, without attachments through S3). */
    public static final int MAX_RAW_BYTES = 10 * 1024 * 1024;
    private static final Set<String> FIELDS = Set.of("from", "to", "cc", "bcc", "replyTo", "subject", "text", "html",
            "raw", "template", "templateData", "configurationSet", "tags");
    private static final Session SESSION = Session.getInstance(new Properties());

    private MessageReader() {
    }

    public static OutgoingEmail read(JsonObject body) {
        if (body == null) {
            throw new InvalidMessageException("body", "a JSON object is required");
        }
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidMessageException(key, "unknown field");
            }
        }
        String configurationSet = optionalString(body, "configurationSet");
        if (configurationSet != null && !configurationSet.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidMessageException("configurationSet", "not a valid configuration set name");
        }
        Map<String, String> tags = tags(body);
        if (body.containsKey("raw")) {
            for (String simple : List.of("from", "to", "cc", "bcc", "replyTo", "subject", "text", "html", "template", "templateData")) {
                if (body.containsKey(simple)) {
                    throw new InvalidMessageException(simple, "not allowed with raw: a raw message carries its own headers");
                }
            }
            return readRaw(optionalString(body, "raw"), configurationSet, tags);
        }
        Address from = address("from", requiredString(body, "from"));
        InternetAddress fromAddress = (InternetAddress) from;
        List<String> to = addresses(body, "to");
        List<String> cc = addresses(body, "cc");
        List<String> bcc = addresses(body, "bcc");
        List<String> replyTo = addresses(body, "replyTo");
        String template = optionalString(body, "template");
        if (template != null) {
            if (!template.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new InvalidMessageException("template", "not a valid template name");
            }
            for (String simple : List.of("subject", "text", "html")) {
                if (body.containsKey(simple)) {
                    throw new InvalidMessageException(simple, "not allowed with template: the template provides it");
                }
            }
            JsonValue data = body.get("templateData");
            if (data != null && data.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidMessageException("templateData", "must be an object");
            }
            return new OutgoingEmail(OutgoingEmail.Kind.TEMPLATE, fromAddress.getAddress(), fromAddress.getPersonal(),
                    to, cc, bcc, replyTo, null, null, null, null, template, data == null ? "{}" : data.toString(),
                    configurationSet, tags);
        }
        if (body.containsKey("templateData")) {
            throw new InvalidMessageException("templateData", "only with template");
        }
        String subject = noControl("subject", requiredString(body, "subject"));
        String text = optionalString(body, "text");
        String html = optionalString(body, "html");
        if (text == null && html == null) {
            throw new InvalidMessageException("text", "text or html is required");
        }
        return new OutgoingEmail(OutgoingEmail.Kind.SIMPLE, fromAddress.getAddress(), fromAddress.getPersonal(), to, cc,
                bcc, replyTo, subject, text, html, null, null, null, configurationSet, tags);
    }

    private static final Set<String> BULK_FIELDS = Set.of("from", "replyTo", "template", "defaultTemplateData",
            "configurationSet", "tags", "destinations");
    private static final Set<String> DESTINATION_FIELDS = Set.of("to", "cc", "bcc", "templateData");

    /** Reads {@code POST /api/v1/emails/bulk}: a template, its default data and 1-50 destinations. */
    public static BulkEmail readBulk(JsonObject body) {
        if (body == null) {
            throw new InvalidMessageException("body", "a JSON object is required");
        }
        for (String key : body.keySet()) {
            if (!BULK_FIELDS.contains(key)) {
                throw new InvalidMessageException(key, "unknown field");
            }
        }
        InternetAddress from = (InternetAddress) address("from", requiredString(body, "from"));
        String template = requiredString(body, "template");
        if (!template.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidMessageException("template", "not a valid template name");
        }
        String configurationSet = optionalString(body, "configurationSet");
        if (configurationSet != null && !configurationSet.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidMessageException("configurationSet", "not a valid configuration set name");
        }
        JsonValue defaults = body.get("defaultTemplateData");
        if (defaults != null && defaults.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidMessageException("defaultTemplateData", "must be an object");
        }
        JsonValue destinations = body.get("destinations");
        if (destinations == null || destinations.getValueType() != JsonValue.ValueType.ARRAY
                || destinations.asJsonArray().isEmpty() || destinations.asJsonArray().size() > BulkEmail.MAX_DESTINATIONS) {
            throw new InvalidMessageException("destinations", "an array of 1-" + BulkEmail.MAX_DESTINATIONS + " destinations is required");
        }
        List<BulkEmail.Destination> list = new ArrayList<>();
        int i = 0;
        for (JsonValue item : destinations.asJsonArray()) {
            String path = "destinations[" + i++ + "]";
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidMessageException(path, "must be an object");
            }
            JsonObject d = item.asJsonObject();
            for (String key : d.keySet()) {
                if (!DESTINATION_FIELDS.contains(key)) {
                    throw new InvalidMessageException(path + "." + key, "unknown field");
                }
            }
            JsonValue data = d.get("templateData");
            if (data != null && data.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidMessageException(path + ".templateData", "must be an object");
            }
            list.add(new BulkEmail.Destination(prefixed(d, "to", path), prefixed(d, "cc", path), prefixed(d, "bcc", path),
                    data == null ? null : data.toString()));
        }
        return new BulkEmail(from.getAddress(), from.getPersonal(), addresses(body, "replyTo"), template,
                defaults == null ? "{}" : defaults.toString(), configurationSet, tags(body), list);
    }

    private static List<String> prefixed(JsonObject destination, String field, String path) {
        try {
            return addresses(destination, field);
        } catch (InvalidMessageException e) {
            throw new InvalidMessageException(path, e.getMessage());
        }
    }

    static OutgoingEmail readRaw(String base64, String configurationSet, Map<String, String> tags) {
        if (base64 == null || base64.isBlank()) {
            throw new InvalidMessageException("raw", "base64-encoded MIME message required");
        }
        byte[] mime;
        if (!base64.matches("[A-Za-z0-9+/=\\s]+")) {
            throw new InvalidMessageException("raw", "not valid base64");
        }
        try {
            mime = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("raw", "not valid base64");
        }
        if (mime.length > MAX_RAW_BYTES) {
            throw new InvalidMessageException("raw", "larger than " + MAX_RAW_BYTES + " bytes");
        }
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(mime));
            Address[] from = message.getFrom();
            if (from == null || from.length != 1) {
                throw new InvalidMessageException("raw", "the message needs exactly one From address");
            }
            InternetAddress fromAddress = (InternetAddress) from[0];
            fromAddress.validate();
            String subject = message.getSubject();
            if (subject != null) {
                noControl("raw: Subject", subject);
            }
            return new OutgoingEmail(OutgoingEmail.Kind.RAW, fromAddress.getAddress(), fromAddress.getPersonal(),
                    mimeRecipients(message, Message.RecipientType.TO), mimeRecipients(message, Message.RecipientType.CC),
                    mimeRecipients(message, Message.RecipientType.BCC), List.of(), subject, null, null, mime, null, null,
                    configurationSet, tags);
        } catch (MessagingException e) {
            throw new InvalidMessageException("raw", "not a valid MIME message: " + e.getMessage());
        }
    }

    private static List<String> mimeRecipients(MimeMessage message, Message.RecipientType type) throws MessagingException {
        Address[] addresses = message.getRecipients(type);
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                InternetAddress ia = (InternetAddress) a;
                ia.validate();
                out.add(ia.getAddress());
            }
        }
        return out;
    }

    private static Address address(String field, String text) {
        noControl(field, text);
        try {
            InternetAddress[] parsed = InternetAddress.parse(text, true);
            if (parsed.length != 1) {
                throw new InvalidMessageException(field, "exactly one address expected");
            }
            parsed[0].validate();
            if (parsed[0].getAddress().indexOf('@') < 1) {
                throw new InvalidMessageException(field, "'" + text + "' is not an email address");
            }
            String personal = parsed[0].getPersonal();
            if (personal != null) {
                noControl(field, personal);
            }
            return parsed[0];
        } catch (AddressException e) {
            throw new InvalidMessageException(field, "'" + text + "' is not an email address");
        }
    }

    private static List<String> addresses(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidMessageException(field, "must be an array of addresses");
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonValue item : value.asJsonArray()) {
            String path = field + "[" + i++ + "]";
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new InvalidMessageException(path, "must be a string");
            }
            out.add(((InternetAddress) address(path, ((JsonString) item).getString())).getAddress());
        }
        return out;
    }

    private static Map<String, String> tags(JsonObject body) {
        JsonValue value = body.get("tags");
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidMessageException("tags", "must be an object of name: value");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : value.asJsonObject().entrySet()) {
            // SES message tags: ASCII letters, digits, _ and -, at most 256 characters.
            if (!e.getKey().matches("[A-Za-z0-9_-]{1,256}") || e.getValue().getValueType() != JsonValue.ValueType.STRING
                    || !((JsonString) e.getValue()).getString().matches("[A-Za-z0-9_.@-]{1,256}")) {
                throw new InvalidMessageException("tags." + e.getKey(), "names and values: letters, digits, _ - . @ (1-256)");
            }
            tags.put(e.getKey(), ((JsonString) e.getValue()).getString());
        }
        return tags;
    }

    private static String requiredString(JsonObject body, String field) {
        String value = optionalString(body, field);
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException(field, "is required");
        }
        return value;
    }

    private static String optionalString(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidMessageException(field, "must be a string");
        }
        return ((JsonString) value).getString();
    }

    /** CR, LF or NUL in a header-bound field is header injection. */
    static String noControl(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new InvalidMessageException(field, "must not contain CR, LF or NUL");
            }
        }
        return value;
    }
}
