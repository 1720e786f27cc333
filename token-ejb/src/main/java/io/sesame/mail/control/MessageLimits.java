package io.sesame.mail.control;

/**
 * The bounds every field of a send is checked against before any work is done — SES's own limits where SES states
 * one (Amazon SES quotas, SES v2 API reference), standards' limits for addresses and header lines, and Sesame's own
 * (marked) where neither says. The README's security section lists them; a field over its limit is a 400 naming it.
 */
public final class MessageLimits {

    /** RFC 5321 §4.5.3.1: a path is at most 256 octets with its angle brackets, so an address at most 254. */
    public static final int ADDRESS = 254;
    /** RFC 5321 §4.5.3.1.1. */
    public static final int LOCAL_PART = 64;
    /** RFC 5321 §4.5.3.1.2. */
    public static final int DOMAIN = 255;
    /** RFC 1035: a DNS label. */
    public static final int DOMAIN_LABEL = 63;
    /** Sesame's: a display name. */
    public static final int DISPLAY_NAME = 256;
    /** Sesame's: the text of one address field as sent (display name, address and punctuation). */
    public static final int ADDRESS_FIELD = 1024;
    /** RFC 5322 §2.1.1: a header line is at most 998 characters; Sesame's bound for a subject. */
    public static final int SUBJECT = 998;
    /** SES: at most 50 recipients (To + Cc + Bcc) per message. */
    public static final int RECIPIENTS = 50;
    /** Sesame's: Reply-To addresses. */
    public static final int REPLY_TO = 50;
    /** SES: at most 50 destinations in one SendBulkEmail call. */
    public static final int BULK_DESTINATIONS = 50;
    /** Sesame's (SES states none): message tags per message. */
    public static final int TAGS = 50;
    /** SES: a tag's name and value are 1-256 ASCII letters, digits, underscores or dashes. */
    public static final String TAG_PATTERN = "[A-Za-z0-9_-]{1,256}";
    /** SES: TemplateData and ReplacementTemplateData are at most 262,144 characters. */
    public static final int TEMPLATE_DATA = 262_144;
    /** SES (v1 rules, kept by Sesame): template and configuration set names. */
    public static final String NAME_PATTERN = "[A-Za-z0-9_-]{1,64}";
    /**
     * The largest message Sesame accepts, before base64: 10 MiB (SES v2 takes up to 40 MB after base64; Sesame's
     * default keeps request bodies — and the heap they need — smaller). Text + HTML of a simple message count too.
     */
    public static final int MESSAGE_BYTES = 10 * 1024 * 1024;
    /** SES (RFC 5321): no line of a raw message may exceed 1,000 characters with its CRLF. */
    public static final int RAW_LINE = 998;
    /** Sesame's: header fields in a raw message. */
    public static final int RAW_HEADERS = 200;

    private MessageLimits() {
    }
}
