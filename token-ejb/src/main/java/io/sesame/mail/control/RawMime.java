package io.sesame.mail.control;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header section of a raw MIME message, checked byte by byte before anything parses it, so that Sesame's reading
 * and SES's cannot differ: every line ends in CRLF (a bare CR or LF is refused: Jakarta Mail takes a lone CR as a line
 * end where other parsers do not), no NUL, no line over 998 characters, every line a field or a folded continuation,
 * no single-instance field (RFC 5322 §3.6) twice, no Bcc field (it would be delivered to every recipient: hidden
 * recipients go in {@code bcc} beside the message). The message SES receives is then re-serialised from the checked
 * header lines (CRLF-terminated, also when the caller used LF throughout) and the untouched body. {@code X-SES-*}
 * fields are refused too: SES acts on them (configuration set, tags, identity ARNs) behind the policy's back.
 */
public final class RawMime {

    /** RFC 5322 §3.6: fields that may occur at most once (Return-Path too: SES forwards feedback to it). */
    static final Set<String> SINGLE_INSTANCE = Set.of("date", "from", "sender", "reply-to", "to", "cc", "bcc", "message-id",
            "in-reply-to", "references", "subject", "return-path", "mime-version", "content-type", "content-transfer-encoding");

    private final List<String> headerLines;
    private final byte[] body;

    private RawMime(List<String> headerLines, byte[] body) {
        this.headerLines = headerLines;
        this.body = body;
    }

    /** @throws InvalidMessageException naming {@code raw: <what>} */
    public static RawMime check(byte[] mime) {
        // Line ends: CRLF throughout the header section, or LF throughout (as Python's as_string() writes); never a mix,
        // never a lone CR. Either way the message SES receives has CRLF header lines.
        int crlfBlank = indexOf(mime, CRLF_BLANK);
        int lfBlank = indexOf(mime, LF_BLANK);
        boolean lfOnly = lfBlank >= 0 ? (crlfBlank < 0 || lfBlank < crlfBlank) && !hasCr(mime, lfBlank)
                : crlfBlank < 0 && !hasCr(mime, mime.length);
        int blank = lfOnly ? lfBlank : crlfBlank;
        int end = blank < 0 ? mime.length : blank + (lfOnly ? 1 : 2); // the blank line's first line end ends the last header
        if (end > MAX_HEADER_BYTES) {
            throw bad("the header section is larger than " + MAX_HEADER_BYTES + " bytes");
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < end; i++) {
            byte b = mime[i];
            if (b == 0) {
                throw bad("the header section contains a NUL byte");
            }
            if (b == '\r') {
                if (lfOnly || i + 1 >= mime.length || mime[i + 1] != '\n') {
                    throw bad("bare CR in the header section (every line must end in CRLF)");
                }
                lines.add(line(mime, start, i));
                start = i + 2;
                i++;
            } else if (b == '\n') {
                if (!lfOnly) {
                    throw bad("bare LF in the header section (every line must end in CRLF)");
                }
                lines.add(line(mime, start, i));
                start = i + 1;
            } else if ((b & 0x80) != 0) {
                throw bad("8-bit byte in the header section: non-ASCII header text must be an RFC 2047 encoded word");
            }
        }
        if (start < end) {
            lines.add(line(mime, start, end));
        }
        if (lines.isEmpty()) {
            throw bad("the message has no header section");
        }
        List<String> fields = new ArrayList<>();
        for (String line : lines) {
            if (line.length() > MessageLimits.RAW_LINE) {
                throw bad("a header line is longer than " + MessageLimits.RAW_LINE + " characters");
            }
            if (line.isEmpty()) {
                throw bad("empty line inside the header section");
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (fields.isEmpty()) {
                    throw bad("the header section starts with a continuation line");
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1 || !line.substring(0, colon).matches("[\\x21-\\x39\\x3B-\\x7E]+")) {
                throw bad("'" + abbreviate(line) + "' is not a header field");
            }
            fields.add(line.substring(0, colon).toLowerCase(Locale.ROOT));
        }
        if (fields.size() > MessageLimits.RAW_HEADERS) {
            throw bad("more than " + MessageLimits.RAW_HEADERS + " header fields");
        }
        for (String field : SINGLE_INSTANCE) {
            if (Collections.frequency(fields, field) > 1) {
                throw bad("the " + field + " field occurs more than once");
            }
        }
        for (String field : fields) {
            if (field.startsWith("x-ses-")) {
                throw bad("the " + field + " field would let SES override what the policy checked (configuration set, tags, "
                        + "identity): give those in the request instead");
            }
        }
        if (fields.contains("bcc")) {
            throw bad("a Bcc header would be delivered to every recipient; give hidden recipients in 'bcc' "
                    + "(Destination.BccAddresses on the SES endpoint) beside the raw message");
        }
        int bodyStart = blank < 0 ? mime.length : blank + (lfOnly ? 2 : 4);
        byte[] body = new byte[mime.length - bodyStart];
        System.arraycopy(mime, bodyStart, body, 0, body.length);
        return new RawMime(List.copyOf(lines), body);
    }

    /** The header fields as Jakarta Mail reads them (they were checked to be unambiguous first). */
    public InternetHeaders headers() {
        try {
            return new InternetHeaders(new ByteArrayInputStream(headerBytes()));
        } catch (MessagingException e) {
            throw bad("unreadable header section: " + e.getMessage());
        }
    }

    /** The message SES receives: the checked header lines, CRLF, the body as sent. */
    public byte[] serialise() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1024);
        out.writeBytes(headerBytes());
        out.writeBytes(body);
        return out.toByteArray();
    }

    private byte[] headerBytes() {
        StringBuilder text = new StringBuilder();
        for (String line : headerLines) {
            text.append(line).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] CRLF_BLANK = {'\r', '\n', '\r', '\n'};
    private static final byte[] LF_BLANK = {'\n', '\n'};
    /** Sesame's: the header section (bounds what the address parser is given). */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private static boolean hasCr(byte[] data, int before) {
        for (int i = 0; i < before; i++) {
            if (data[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** The first index of {@code pattern} in {@code data}, or -1. */
    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String line(byte[] mime, int from, int to) {
        return new String(mime, from, to - from, StandardCharsets.US_ASCII);
    }

    private static String abbreviate(String line) {
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }

    private static InvalidMessageException bad(String message) {
        return new InvalidMessageException("raw", message);
    }
}
