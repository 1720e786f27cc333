package io.sesame.mail.control;

import io.sesame.ses.control.BulkEmail;
import io.sesame.ses.control.OutgoingEmail;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.Address;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /api/v1/emails} into an {@link OutgoingEmail}, rejecting anything SES would
 * refuse or an attacker could abuse: header injection (CR, LF or NUL in any simple field), malformed addresses,
 * mixed message kinds. Raw MIME is parsed with Jakarta Mail, and the same rules apply to its headers.
 */
public final class MessageReader {

    /** The largest raw message, before base64 ({@link MessageLimits#MESSAGE_BYTES}). */
    public static final int MAX_RAW_BYTES = MessageLimits.MESSAGE_BYTES;
    private static final Set<String> FIELDS = Set.of("from", "to", "cc", "bcc", "replyTo", "subject", "text", "html",
            "raw", "template", "templateData", "configurationSet", "tags");

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
        String configurationSet = configurationSet(body);
        Map<String, String> tags = tags(body);
        if (body.containsKey("raw")) {
            for (String simple : List.of("replyTo", "subject", "text", "html", "template", "templateData")) {
                if (body.containsKey(simple)) {
                    throw new InvalidMessageException(simple, "not allowed with raw: a raw message carries its own headers"
                            + " (hidden recipients go in bcc)");
                }
            }
            OutgoingEmail raw = readRaw(optionalString(body, "raw"), addresses(body, "bcc"), configurationSet, tags);
            String from = optionalString(body, "from");
            if (from != null && !((InternetAddress) address("from", from)).getAddress().equalsIgnoreCase(raw.fromAddress())) {
                throw new InvalidMessageException("from", "does not match the raw message's From address");
            }
            sameRecipients("to", body, raw.to(), "To");
            sameRecipients("cc", body, raw.cc(), "Cc");
            return raw;
        }
        Address from = address("from", requiredString(body, "from"));
        InternetAddress fromAddress = (InternetAddress) from;
        List<String> to = addresses(body, "to");
        List<String> cc = addresses(body, "cc");
        List<String> bcc = addresses(body, "bcc");
        List<String> replyTo = replyTo(body);
        String template = optionalString(body, "template");
        if (template != null) {
            if (!template.matches(MessageLimits.NAME_PATTERN)) {
                throw new InvalidMessageException("template", "not a valid template name (letters, digits, _ and -, at most 64)");
            }
            for (String simple : List.of("subject", "text", "html")) {
                if (body.containsKey(simple)) {
                    throw new InvalidMessageException(simple, "not allowed with template: the template provides it");
                }
            }
            String data = templateData(body.get("templateData"), "templateData");
            recipientCount("to", to.size() + cc.size() + bcc.size());
            return new OutgoingEmail(OutgoingEmail.Kind.TEMPLATE, fromAddress.getAddress(), fromAddress.getPersonal(),
                    to, cc, bcc, replyTo, null, null, null, null, template, data == null ? "{}" : data,
                    configurationSet, tags);
        }
        if (body.containsKey("templateData")) {
            throw new InvalidMessageException("templateData", "only with template");
        }
        String subject = noControl("subject", requiredString(body, "subject"));
        if (subject.length() > MessageLimits.SUBJECT) {
            throw new InvalidMessageException("subject", "longer than " + MessageLimits.SUBJECT + " characters");
        }
        String text = optionalString(body, "text");
        String html = optionalString(body, "html");
        if (text == null && html == null) {
            throw new InvalidMessageException("text", "text or html is required");
        }
        if (utf8Length(text) + utf8Length(html) > MessageLimits.MESSAGE_BYTES) {
            throw new InvalidMessageException(text != null ? "text" : "html", "text and html together are larger than "
                    + MessageLimits.MESSAGE_BYTES + " bytes");
        }
        recipientCount("to", to.size() + cc.size() + bcc.size());
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
        if (!template.matches(MessageLimits.NAME_PATTERN)) {
            throw new InvalidMessageException("template", "not a valid template name (letters, digits, _ and -, at most 64)");
        }
        String configurationSet = configurationSet(body);
        String defaults = templateData(body.get("defaultTemplateData"), "defaultTemplateData");
        JsonValue destinations = body.get("destinations");
        if (destinations == null || destinations.getValueType() != JsonValue.ValueType.ARRAY
                || destinations.asJsonArray().isEmpty() || destinations.asJsonArray().size() > MessageLimits.BULK_DESTINATIONS) {
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
            String data = templateData(d.get("templateData"), path + ".templateData");
            BulkEmail.Destination destination = new BulkEmail.Destination(prefixed(d, "to", path), prefixed(d, "cc", path),
                    prefixed(d, "bcc", path), data);
            recipientCount(path, destination.to().size() + destination.cc().size() + destination.bcc().size());
            list.add(destination);
        }
        return new BulkEmail(from.getAddress(), from.getPersonal(), replyTo(body), template,
                defaults == null ? "{}" : defaults, configurationSet, tags(body), list);
    }

    private static List<String> prefixed(JsonObject destination, String field, String path) {
        try {
            return addresses(destination, field);
        } catch (InvalidMessageException e) {
            throw new InvalidMessageException(path, e.getMessage());
        }
    }

    static OutgoingEmail readRaw(String base64, List<String> hiddenBcc, String configurationSet, Map<String, String> tags) {
        if (base64 == null || base64.isBlank()) {
            throw new InvalidMessageException("raw", "base64-encoded MIME message required");
        }
        if (base64.length() > (MAX_RAW_BYTES + 2L) / 3 * 4 + base64.length() / 60 * 2 + 4) {
            throw new InvalidMessageException("raw", "larger than " + MAX_RAW_BYTES + " bytes");
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
        RawMime checked = RawMime.check(mime);
        try {
            InternetHeaders headers = checked.headers();
            List<InternetAddress> from = headerAddresses(headers, "From");
            if (from.size() != 1) {
                throw new InvalidMessageException("raw", "the message needs exactly one From address");
            }
            InternetAddress fromAddress = from.get(0);
            String subject = headers.getHeader("Subject", null);
            if (subject != null) {
                subject = MimeUtility.decodeText(MimeUtility.unfold(subject));
                noControl("raw: Subject", subject);
                if (subject.length() > MessageLimits.SUBJECT) {
                    throw new InvalidMessageException("raw: Subject", "longer than " + MessageLimits.SUBJECT + " characters");
                }
            }
            List<InternetAddress> sender = headerAddresses(headers, "Sender");
            if (sender.size() > 1) {
                throw new InvalidMessageException("raw: Sender", "exactly one address expected");
            }
            List<InternetAddress> returnPath = headerAddresses(headers, "Return-Path");
            if (returnPath.size() > 1) {
                throw new InvalidMessageException("raw: Return-Path", "exactly one address expected");
            }
            List<String> to = bare(headerAddresses(headers, "To"));
            List<String> cc = bare(headerAddresses(headers, "Cc"));
            List<String> replyTo = bare(headerAddresses(headers, "Reply-To"));
            if (replyTo.size() > MessageLimits.REPLY_TO) {
                throw new InvalidMessageException("raw: Reply-To", "more than " + MessageLimits.REPLY_TO + " addresses");
            }
            recipientCount("raw: To", to.size() + cc.size() + hiddenBcc.size());
            return new OutgoingEmail(OutgoingEmail.Kind.RAW, fromAddress.getAddress(), fromAddress.getPersonal(),
                    to, cc, hiddenBcc, replyTo, subject, null, null, checked.serialise(), null, null, configurationSet, tags,
                    sender.isEmpty() ? null : sender.get(0).getAddress(), returnPath.isEmpty() ? null : returnPath.get(0).getAddress());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new InvalidMessageException("raw: Subject", "an encoded word names an unknown charset");
        }
    }

    /** Recipients given beside a raw message must be the ones its header names: SES must not get others than were checked. */
    private static void sameRecipients(String field, JsonObject body, List<String> header, String headerName) {
        if (!body.containsKey(field) || body.isNull(field)) {
            return;
        }
        java.util.Set<String> given = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        given.addAll(addresses(body, field));
        java.util.Set<String> named = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        named.addAll(header);
        if (!given.equals(named)) {
            throw new InvalidMessageException(field, "does not match the raw message's " + headerName + " header (hidden "
                    + "recipients go in bcc)");
        }
    }

    private static final Set<String> GROUPS_ALLOWED = Set.of("To", "Cc", "Reply-To");

    /** A header's addresses, each checked as a JSON address is (length, ASCII, no control characters in the name). */
    private static List<InternetAddress> headerAddresses(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, ",");
        if (value == null) {
            return List.of();
        }
        String field = "raw: " + name;
        try {
            List<InternetAddress> out = new ArrayList<>();
            for (InternetAddress a : InternetAddress.parseHeader(MimeUtility.unfold(value), true)) {
                if (a.isGroup() && !GROUPS_ALLOWED.contains(name)) {
                    throw new InvalidMessageException(field, "a group is not allowed here (RFC 5322: only in To, Cc, Bcc, Reply-To)");
                }
                if (a.isGroup()) { // "undisclosed-recipients:;" or a named group of addresses
                    for (InternetAddress member : a.getGroup(true)) {
                        out.add(checked(field, member, value));
                    }
                } else {
                    out.add(checked(field, a, value));
                }
            }
            if (out.size() > MessageLimits.RECIPIENTS + MessageLimits.REPLY_TO) {
                throw new InvalidMessageException(field, "too many addresses");
            }
            return out;
        } catch (AddressException e) {
            throw new InvalidMessageException(field, "not a valid address list");
        }
    }

    private static List<String> bare(List<InternetAddress> addresses) {
        return addresses.stream().map(InternetAddress::getAddress).toList();
    }

    private static Address address(String field, String text) {
        if (text.length() > MessageLimits.ADDRESS_FIELD) {
            throw new InvalidMessageException(field, "longer than " + MessageLimits.ADDRESS_FIELD + " characters");
        }
        noControl(field, text);
        try {
            InternetAddress[] parsed = InternetAddress.parse(text, true);
            if (parsed.length != 1) {
                throw new InvalidMessageException(field, "exactly one address expected");
            }
            return checked(field, parsed[0], text);
        } catch (AddressException e) {
            throw new InvalidMessageException(field, "'" + abbreviate(text) + "' is not an email address");
        }
    }

    /**
     * The bounds of one parsed address: RFC 5321 lengths, 7-bit ASCII (SES takes no SMTPUTF8: an international domain
     * must be Punycode), a local part and a domain, a display name without control characters and of bounded length.
     */
    private static InternetAddress checked(String field, InternetAddress address, String text) throws AddressException {
        address.validate();
        String bare = address.getAddress();
        int at = bare == null ? -1 : bare.lastIndexOf('@');
        if (at < 1 || at == bare.length() - 1) {
            throw new InvalidMessageException(field, "'" + abbreviate(text) + "' is not an email address");
        }
        if (!bare.matches("[\\x21-\\x7E]+")) {
            throw new InvalidMessageException(field, "addresses must be ASCII (an international domain in Punycode)");
        }
        if (bare.length() > MessageLimits.ADDRESS) {
            throw new InvalidMessageException(field, "the address is longer than " + MessageLimits.ADDRESS + " characters");
        }
        if (at > MessageLimits.LOCAL_PART) {
            throw new InvalidMessageException(field, "the local part is longer than " + MessageLimits.LOCAL_PART + " characters");
        }
        String domain = bare.substring(at + 1);
        if (domain.length() > MessageLimits.DOMAIN) {
            throw new InvalidMessageException(field, "the domain is longer than " + MessageLimits.DOMAIN + " characters");
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.length() > MessageLimits.DOMAIN_LABEL) {
                throw new InvalidMessageException(field, "a domain label is longer than " + MessageLimits.DOMAIN_LABEL + " characters");
            }
        }
        String personal = address.getPersonal();
        if (personal != null) {
            noControl(field, personal);
            if (personal.length() > MessageLimits.DISPLAY_NAME) {
                throw new InvalidMessageException(field, "the display name is longer than " + MessageLimits.DISPLAY_NAME + " characters");
            }
        }
        return address;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static List<String> addresses(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidMessageException(field, "must be an array of addresses");
        }
        if (value.asJsonArray().size() > MessageLimits.RECIPIENTS) {
            throw new InvalidMessageException(field, "more than " + MessageLimits.RECIPIENTS + " addresses (SES's limit per message)");
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
        if (value.asJsonObject().size() > MessageLimits.TAGS) {
            throw new InvalidMessageException("tags", "more than " + MessageLimits.TAGS + " tags");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : value.asJsonObject().entrySet()) {
            // SES message tags: ASCII letters, digits, _ and -, at most 256 characters, names and values alike.
            if (!e.getKey().matches(MessageLimits.TAG_PATTERN) || e.getValue().getValueType() != JsonValue.ValueType.STRING
                    || !((JsonString) e.getValue()).getString().matches(MessageLimits.TAG_PATTERN)) {
                throw new InvalidMessageException("tags." + abbreviate(e.getKey()), "names and values: 1-256 letters, digits, _ or - (SES's rule)");
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

    private static String configurationSet(JsonObject body) {
        String configurationSet = optionalString(body, "configurationSet");
        if (configurationSet != null && !configurationSet.matches(MessageLimits.NAME_PATTERN)) {
            throw new InvalidMessageException("configurationSet", "not a valid configuration set name (letters, digits, _ and -, at most 64)");
        }
        return configurationSet;
    }

    private static List<String> replyTo(JsonObject body) {
        List<String> replyTo = addresses(body, "replyTo");
        if (replyTo.size() > MessageLimits.REPLY_TO) {
            throw new InvalidMessageException("replyTo", "more than " + MessageLimits.REPLY_TO + " addresses");
        }
        return replyTo;
    }

    /** Template data: a JSON object, at most SES's 262,144 characters as JSON text; null when absent. */
    private static String templateData(JsonValue data, String field) {
        if (data == null || data == JsonValue.NULL) {
            return null;
        }
        if (data.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidMessageException(field, "must be an object");
        }
        String text = data.toString();
        if (text.length() > MessageLimits.TEMPLATE_DATA) {
            throw new InvalidMessageException(field, "longer than " + MessageLimits.TEMPLATE_DATA + " characters as JSON (SES's limit)");
        }
        return text;
    }

    private static void recipientCount(String field, int count) {
        if (count > MessageLimits.RECIPIENTS) {
            throw new InvalidMessageException(field, count + " recipients (To + Cc + Bcc); SES takes at most "
                    + MessageLimits.RECIPIENTS + " per message");
        }
    }

    private static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
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
