package io.sesame.mail.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesame.ses.control.OutgoingEmail;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of a send at and over its limit, and header smuggling in raw MIME: each hostile input is refused with an
 * {@link InvalidMessageException} naming the field, before any work (policy, audit, SES) is done.
 */
class HostileMessageTest {

    static final String LOCAL_64 = "l".repeat(64);
    static final String LABEL_63 = "d".repeat(63);

    static JsonObjectBuilder simple() {
        return Json.createObjectBuilder().add("from", "noreply@example.com").add("to", Json.createArrayBuilder().add("a@x.com"))
                .add("subject", "Hi").add("text", "Hello");
    }

    static JsonObject with(Consumer<JsonObjectBuilder> change) {
        JsonObjectBuilder b = simple();
        change.accept(b);
        return b.build();
    }

    static JsonArrayBuilder addresses(int n) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (int i = 0; i < n; i++) {
            a.add("r" + i + "@x.com");
        }
        return a;
    }

    static String raw(String mime) {
        return Base64.getEncoder().encodeToString(mime.getBytes(StandardCharsets.ISO_8859_1));
    }

    static JsonObject rawBody(String mime) {
        return Json.createObjectBuilder().add("raw", raw(mime)).build();
    }

    static Stream<Arguments> overLimit() {
        return Stream.of(
                Arguments.of("from: 400-character address", with(b -> b.add("from", "a".repeat(400) + "@example.com")), "from:"),
                Arguments.of("from: 65-character local part", with(b -> b.add("from", LOCAL_64 + "l@example.com")), "local part"),
                Arguments.of("from: 64-char label", with(b -> b.add("from", "a@" + LABEL_63 + "x.com")), "label"),
                Arguments.of("from: address over 254", with(b -> b.add("from", LOCAL_64 + "@" + (LABEL_63 + ".").repeat(3) + "com")), "254"),
                Arguments.of("from: address field over 1024", with(b -> b.add("from", "\"" + "n".repeat(1100) + "\" <a@b.com>")), "1024"),
                Arguments.of("from: display name over 256", with(b -> b.add("from", "\"" + "n".repeat(300) + "\" <a@b.com>")), "display name"),
                Arguments.of("from: non-ASCII local part", with(b -> b.add("from", "jürgen@example.com")), "from:"),
                Arguments.of("from: non-ASCII domain", with(b -> b.add("from", "a@bücher.example")), "from:"),
                Arguments.of("from: no domain", with(b -> b.add("from", "a@")), "from:"),
                Arguments.of("from: two addresses", with(b -> b.add("from", "a@b.com, c@d.com")), "exactly one address"),
                Arguments.of("to: 51 addresses", with(b -> b.add("to", addresses(51))), "more than 50"),
                Arguments.of("to+cc+bcc: 51 recipients", with(b -> b.add("to", addresses(20)).add("cc", addresses(20)).add("bcc", addresses(11))), "51 recipients"),
                Arguments.of("replyTo: 51 addresses", with(b -> b.add("replyTo", addresses(51))), "replyTo"),
                Arguments.of("to[0]: 300-character address", with(b -> b.add("to", Json.createArrayBuilder().add("b".repeat(300) + "@x.com"))), "to[0]"),
                Arguments.of("cc[0]: number", with(b -> b.add("cc", Json.createArrayBuilder().add(42))), "cc[0]: must be a string"),
                Arguments.of("subject: 999 characters", with(b -> b.add("subject", "s".repeat(999))), "subject: longer than 998"),
                Arguments.of("subject: 2 MB", with(b -> b.add("subject", "s".repeat(2_000_000))), "subject: longer than 998"),
                Arguments.of("subject: NUL", with(b -> b.add("subject", "a\u0000b")), "subject: must not contain"),
                Arguments.of("subject: lone LF", with(b -> b.add("subject", "a\nBcc: x@y.com")), "subject: must not contain"),
                Arguments.of("text+html over 10 MiB", with(b -> b.add("text", "t".repeat(6 * 1024 * 1024)).add("html", "h".repeat(5 * 1024 * 1024))), "larger than"),
                Arguments.of("tags: 51 tags", with(b -> {
                    JsonObjectBuilder tags = Json.createObjectBuilder();
                    for (int i = 0; i < 51; i++) {
                        tags.add("t" + i, "v");
                    }
                    b.add("tags", tags);
                }), "more than 50 tags"),
                Arguments.of("tags: name of 257", with(b -> b.add("tags", Json.createObjectBuilder().add("n".repeat(257), "v"))), "tags."),
                Arguments.of("tags: value of 257", with(b -> b.add("tags", Json.createObjectBuilder().add("n", "v".repeat(257)))), "tags.n"),
                Arguments.of("tags: value with a dot (SES refuses it)", with(b -> b.add("tags", Json.createObjectBuilder().add("n", "a.b"))), "tags.n"),
                Arguments.of("tags: empty value", with(b -> b.add("tags", Json.createObjectBuilder().add("n", ""))), "tags.n"),
                Arguments.of("tags: value not a string", with(b -> b.add("tags", Json.createObjectBuilder().add("n", 1))), "tags.n"),
                Arguments.of("configurationSet: 65 characters", with(b -> b.add("configurationSet", "c".repeat(65))), "configurationSet"),
                Arguments.of("configurationSet: a space", with(b -> b.add("configurationSet", "a b")), "configurationSet"),
                Arguments.of("template: 65 characters", Json.createObjectBuilder().add("from", "a@b.com").add("to", addresses(1))
                        .add("template", "t".repeat(65)).build(), "template"),
                Arguments.of("templateData: over 262,144 characters", Json.createObjectBuilder().add("from", "a@b.com").add("to", addresses(1))
                        .add("template", "t").add("templateData", Json.createObjectBuilder().add("k", "v".repeat(262_144))).build(), "templateData: longer"),
                Arguments.of("templateData: an array", Json.createObjectBuilder().add("from", "a@b.com").add("to", addresses(1))
                        .add("template", "t").add("templateData", Json.createArrayBuilder()).build(), "templateData: must be an object"),
                Arguments.of("raw: over 10 MiB", Json.createObjectBuilder().add("raw", "QUFB".repeat(3_600_000)).build(), "raw: larger than"),
                Arguments.of("raw: with a to the headers do not name", Json.createObjectBuilder().add("raw", raw("From: a@b.com\r\n\r\nx")).add("to", addresses(1)).build(), "to: does not match"),
                Arguments.of("raw: from that differs from the header", Json.createObjectBuilder().add("raw", raw("From: a@b.com\r\nTo: c@d.com\r\n\r\nx"))
                        .add("from", "other@b.com").build(), "from: does not match"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLimit")
    void fields_over_their_limits_are_refused_naming_the_field(String name, JsonObject body, String expected) {
        assertThatThrownBy(() -> MessageReader.read(body)).isInstanceOf(InvalidMessageException.class).hasMessageContaining(expected);
    }

    @Test
    void fields_at_their_limits_are_accepted() {
        String longest = LOCAL_64 + "@" + (LABEL_63 + ".").repeat(2) + "d".repeat(61) + ".com"; // 64 + 1 + 128 + 65 = 254... checked below
        OutgoingEmail email = MessageReader.read(with(b -> b
                .add("from", "\"" + "n".repeat(256) + "\" <" + LOCAL_64 + "@example.com>")
                .add("to", addresses(30)).add("cc", addresses(10)).add("bcc", addresses(10))
                .add("replyTo", Json.createArrayBuilder().add(longest.length() <= 254 ? longest : "a@b.com"))
                .add("subject", "s".repeat(998))
                .add("configurationSet", "c".repeat(64))
                .add("tags", Json.createObjectBuilder().add("n".repeat(256), "v".repeat(256)))));
        assertThat(email.recipients()).hasSize(50);
        assertThat(email.fromDisplayName()).hasSize(256);
        assertThat(email.subject()).hasSize(998);
        OutgoingEmail templated = MessageReader.read(Json.createObjectBuilder().add("from", "a@b.com").add("to", addresses(1))
                .add("template", "t".repeat(64)).add("templateData", Json.createObjectBuilder().add("k", "v".repeat(262_000))).build());
        assertThat(templated.templateData()).hasSizeLessThanOrEqualTo(MessageLimits.TEMPLATE_DATA);
    }

    static Stream<Arguments> smuggledHeaders() {
        return Stream.of(
                Arguments.of("bare CR ends a header for Jakarta, not for SES", "From: a@b.com\rBcc: evil@x.com\r\nTo: c@d.com\r\n\r\nx", "bare CR"),
                Arguments.of("bare LF", "From: a@b.com\nBcc: evil@x.com\r\nTo: c@d.com\r\n\r\nx", "bare LF"),
                Arguments.of("bare LF as the blank line", "From: a@b.com\r\nTo: c@d.com\n\nBcc: evil@x.com\r\n\r\nx", "bare LF"),
                Arguments.of("NUL in a header", "From: a@b.com\r\nSubject: a\u0000b\r\nTo: c@d.com\r\n\r\nx", "NUL"),
                Arguments.of("two From fields", "From: a@b.com\r\nFrom: evil@x.com\r\nTo: c@d.com\r\n\r\nx", "from field occurs more than once"),
                Arguments.of("two To fields", "From: a@b.com\r\nTo: c@d.com\r\nTo: evil@x.com\r\n\r\nx", "to field occurs more than once"),
                Arguments.of("two Subject fields", "From: a@b.com\r\nTo: c@d.com\r\nSubject: a\r\nsubject: b\r\n\r\nx", "subject field occurs more than once"),
                Arguments.of("two Sender fields", "From: a@b.com\r\nSender: a@b.com\r\nSender: e@x.com\r\nTo: c@d.com\r\n\r\nx", "sender field"),
                Arguments.of("two Return-Path fields", "Return-Path: <a@b.com>\r\nReturn-Path: <e@x.com>\r\nFrom: a@b.com\r\nTo: c@d.com\r\n\r\nx", "return-path field"),
                Arguments.of("Bcc header inside the message", "From: a@b.com\r\nTo: c@d.com\r\nBcc: hidden@x.com\r\n\r\nx", "Bcc header"),
                Arguments.of("folded Bcc header", "From: a@b.com\r\nTo: c@d.com\r\nBcc:\r\n hidden@x.com\r\n\r\nx", "Bcc header"),
                Arguments.of("continuation line first", " folded: x\r\nFrom: a@b.com\r\nTo: c@d.com\r\n\r\nx", "continuation"),
                Arguments.of("a line that is no field", "From: a@b.com\r\nTo: c@d.com\r\nnot a header\r\n\r\nx", "not a header field"),
                Arguments.of("header line over 998", "From: a@b.com\r\nTo: c@d.com\r\nX-Long: " + "x".repeat(1000) + "\r\n\r\nx", "longer than 998"),
                Arguments.of("8-bit header text", "From: a@b.com\r\nTo: c@d.com\r\nSubject: caf\u00e9\r\n\r\nx", "8-bit"),
                Arguments.of("encoded word hiding CRLF in Subject", "From: a@b.com\r\nTo: c@d.com\r\nSubject: =?UTF-8?Q?Hi=0D=0ABcc:_e@x.com?=\r\n\r\nx", "must not contain"),
                Arguments.of("encoded word hiding LF in the From name", "From: =?UTF-8?B?" + Base64.getEncoder().encodeToString("Evil\nBcc: e@x.com".getBytes())
                        + "?= <a@b.com>\r\nTo: c@d.com\r\n\r\nx", "must not contain"),
                Arguments.of("two From addresses", "From: a@b.com, e@x.com\r\nTo: c@d.com\r\n\r\nx", "exactly one From"),
                Arguments.of("no From", "To: c@d.com\r\n\r\nx", "exactly one From"),
                Arguments.of("two Sender addresses", "From: a@b.com\r\nSender: a@b.com, e@x.com\r\nTo: c@d.com\r\n\r\nx", "Sender"),
                Arguments.of("an overlong To address", "From: a@b.com\r\nTo: " + "c".repeat(65) + "@d.com\r\n\r\nx", "local part"),
                Arguments.of("51 recipients in headers", "From: a@b.com\r\nTo: " + String.join(",", java.util.Collections.nCopies(51, "c@d.com"))
                        .replace(",", ",\r\n ") + "\r\n\r\nx", "51 recipients"),
                Arguments.of("X-SES-CONFIGURATION-SET overrides the pinned set", "From: a@b.com\r\nTo: c@d.com\r\nX-SES-CONFIGURATION-SET: other\r\n\r\nx", "x-ses-configuration-set"),
                Arguments.of("X-SES-MESSAGE-TAGS", "From: a@b.com\r\nTo: c@d.com\r\nx-ses-message-tags: a=b\r\n\r\nx", "x-ses-message-tags"),
                Arguments.of("X-SES-SOURCE-ARN", "From: a@b.com\r\nTo: c@d.com\r\nX-SES-SOURCE-ARN: arn:aws:ses:us-east-1:1:identity/x\r\n\r\nx", "x-ses-source-arn"),
                Arguments.of("a header section over 64 KiB (folded To)", "From: a@b.com\r\nTo: c@d.com" + ",\r\n c@d.com".repeat(8000) + "\r\n\r\nx", "larger than 65536"),
                Arguments.of("LF-only headers with a CR in them", "From: a@b.com\nTo: c@d.com\rBcc: e@x.com\n\nx", "bare "),
                Arguments.of("a group in From", "From: Support: ceo@evil.example;\r\nTo: c@d.com\r\n\r\nx", "group is not allowed"),
                Arguments.of("an empty message", "", "raw: base64-encoded MIME message required"),
                Arguments.of("only a body", "\r\n\r\nbody", "raw: empty line inside the header section"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggledHeaders")
    void header_smuggling_in_raw_mime_is_refused(String name, String mime, String expected) {
        assertThatThrownBy(() -> MessageReader.read(rawBody(mime))).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void raw_mime_is_re_serialised_from_the_checked_headers_and_its_sender_return_path_and_reply_to_are_facts() {
        String mime = "Return-Path: <bounces@example.com>\r\nFrom: =?UTF-8?Q?Caf=C3=A9?= <noreply@example.com>\r\n"
                + "Sender: relay@example.com\r\nReply-To: help@example.com\r\nTo: a@x.com\r\nCc: b@y.com\r\n"
                + "Subject: =?UTF-8?B?w6lsw6k=?=\r\n  folded\r\nMIME-Version: 1.0\r\n\r\nbody\r\nline\n with bare LF in the body is fine\r\n";
        OutgoingEmail email = MessageReader.read(Json.createObjectBuilder().add("raw", raw(mime))
                .add("bcc", Json.createArrayBuilder().add("hidden@z.com")).add("from", "NoReply@Example.com").build());
        assertThat(email.fromAddress()).isEqualTo("noreply@example.com");
        assertThat(email.fromDisplayName()).isEqualTo("Café");
        assertThat(email.subject()).isEqualTo("élé  folded");
        assertThat(email.to()).containsExactly("a@x.com");
        assertThat(email.cc()).containsExactly("b@y.com");
        assertThat(email.bcc()).as("hidden recipients only beside the message").containsExactly("hidden@z.com");
        assertThat(email.replyTo()).containsExactly("help@example.com");
        assertThat(email.facts().sender()).isEqualTo("relay@example.com");
        assertThat(email.facts().returnPath()).isEqualTo("bounces@example.com");
        assertThat(new String(email.rawMime(), StandardCharsets.US_ASCII)).isEqualTo(mime).doesNotContain("hidden@z.com");
    }

    @Test
    void lf_only_messages_as_python_writes_them_are_accepted_and_sent_with_crlf_headers() {
        String mime = "From: noreply@example.com\nTo: a@x.com\nSubject: hi\n folded\n\nbody\nline\n";
        OutgoingEmail email = MessageReader.read(rawBody(mime));
        assertThat(email.to()).containsExactly("a@x.com");
        assertThat(new String(email.rawMime(), StandardCharsets.US_ASCII))
                .isEqualTo("From: noreply@example.com\r\nTo: a@x.com\r\nSubject: hi\r\n folded\r\n\r\nbody\nline\n");
    }

    @Test
    void ses_v2_raw_requests_map_bcc_and_refuse_visible_destinations_and_reply_to() {
        String data = raw("From: a@b.com\r\nTo: c@d.com\r\n\r\nx");
        JsonObject ok = SesV2Json.sendEmail(Json.createObjectBuilder().add("FromEmailAddress", "a@b.com")
                .add("Destination", Json.createObjectBuilder().add("BccAddresses", Json.createArrayBuilder().add("h@z.com")))
                .add("Content", Json.createObjectBuilder().add("Raw", Json.createObjectBuilder().add("Data", data))).build());
        assertThat(MessageReader.read(ok).bcc()).containsExactly("h@z.com");
        assertThatThrownBy(() -> MessageReader.read(SesV2Json.sendEmail(Json.createObjectBuilder()
                .add("Destination", Json.createObjectBuilder().add("ToAddresses", Json.createArrayBuilder().add("e@x.com")))
                .add("Content", Json.createObjectBuilder().add("Raw", Json.createObjectBuilder().add("Data", data))).build())))
                .as("a visible recipient the headers do not name").hasMessageContaining("to: does not match");
        OutgoingEmail same = MessageReader.read(SesV2Json.sendEmail(Json.createObjectBuilder()
                .add("Destination", Json.createObjectBuilder().add("ToAddresses", Json.createArrayBuilder().add("C@d.com")))
                .add("Content", Json.createObjectBuilder().add("Raw", Json.createObjectBuilder().add("Data", data))).build()));
        assertThat(same.to()).as("the SDK's usual raw request: Destination repeats the headers").containsExactly("c@d.com");
        OutgoingEmail group = MessageReader.read(rawBody("From: a@b.com\r\nTo: undisclosed-recipients:;\r\n\r\nx"));
        assertThat(group.to()).isEmpty();
        assertThatThrownBy(() -> SesV2Json.sendEmail(Json.createObjectBuilder()
                .add("ReplyToAddresses", Json.createArrayBuilder().add("e@x.com"))
                .add("Content", Json.createObjectBuilder().add("Raw", Json.createObjectBuilder().add("Data", data))).build()))
                .hasMessageContaining("ReplyToAddresses");
        assertThatThrownBy(() -> MessageReader.read(SesV2Json.sendEmail(Json.createObjectBuilder().add("FromEmailAddress", "evil@x.com")
                .add("Content", Json.createObjectBuilder().add("Raw", Json.createObjectBuilder().add("Data", data))).build())))
                .hasMessageContaining("from: does not match");
    }

    @Test
    void bulk_requests_are_bounded_per_destination_and_in_count() {
        JsonArrayBuilder destinations = Json.createArrayBuilder();
        for (int i = 0; i < 51; i++) {
            destinations.add(Json.createObjectBuilder().add("to", addresses(1)));
        }
        JsonObject tooMany = Json.createObjectBuilder().add("from", "a@b.com").add("template", "t").add("destinations", destinations).build();
        assertThatThrownBy(() -> MessageReader.readBulk(tooMany)).hasMessageContaining("destinations");
        JsonObject crowded = Json.createObjectBuilder().add("from", "a@b.com").add("template", "t").add("destinations",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("to", addresses(30)).add("cc", addresses(21)))).build();
        assertThatThrownBy(() -> MessageReader.readBulk(crowded)).hasMessageContaining("destinations[0]");
        JsonObject bigData = Json.createObjectBuilder().add("from", "a@b.com").add("template", "t").add("destinations",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("to", addresses(1))
                        .add("templateData", Json.createObjectBuilder().add("k", "v".repeat(262_144))))).build();
        assertThatThrownBy(() -> MessageReader.readBulk(bigData)).hasMessageContaining("destinations[0].templateData");
    }
}
