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
 * header lines and the untouched body.
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
        int blank = blankLine(mime);
        int end = blank < 0 ? mime.length : blank + 2; // the first CRLF of the blank line ends the last header line
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < end; i++) {
            byte b = mime[i];
            if (b == 0) {
                throw bad("the header section contains a NUL byte");
            }
            if (b == '\r') {
                if (i + 1 >= mime.length || mime[i + 1] != '\n') {
                    throw bad("bare CR in the header section (every line must end in CRLF)");
                }
                lines.add(line(mime, start, i));
                start = i + 2;
                i++;
            } else if (b == '\n') {
                throw bad("bare LF in the header section (every line must end in CRLF)");
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
        if (fields.contains("bcc")) {
            throw bad("a Bcc header would be delivered to every recipient; give hidden recipients in 'bcc' "
                    + "(Destination.BccAddresses on the SES endpoint) beside the raw message");
        }
        int bodyStart = blank < 0 ? mime.length : blank + 4;
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

    /** Where the header section ends: the first CRLFCRLF, or -1 (headers without a body). */
    private static int blankLine(byte[] mime) {
        for (int i = 0; i + 3 < mime.length; i++) {
            if (mime[i] == '\r' && mime[i + 1] == '\n' && mime[i + 2] == '\r' && mime[i + 3] == '\n') {
                return i;
            }
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
