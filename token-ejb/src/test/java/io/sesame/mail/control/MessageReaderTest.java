package io.sesame.mail.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesame.ses.control.OutgoingEmail;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MessageReaderTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    @Test
    void simple_message_with_display_name_and_all_recipient_kinds() {
        OutgoingEmail email = MessageReader.read(json("{'from':'Acme <noreply@example.com>','to':['a@x.com'],"
                + "'cc':['Bee <b@y.com>'],'bcc':['c@z.com'],'replyTo':['help@example.com'],'subject':'Hi','text':'Hello',"
                + "'configurationSet':'tx','tags':{'campaign':'welcome'}}"));
        assertThat(email.kind()).isEqualTo(OutgoingEmail.Kind.SIMPLE);
        assertThat(email.fromAddress()).isEqualTo("noreply@example.com");
        assertThat(email.fromDisplayName()).isEqualTo("Acme");
        assertThat(email.fromHeader()).isEqualTo("Acme <noreply@example.com>");
        assertThat(email.recipients()).containsExactly("a@x.com", "b@y.com", "c@z.com");
        assertThat(email.facts().recipients()).hasSize(3);
        assertThat(email.tags()).containsEntry("campaign", "welcome");
    }

    @Test
    void templated_message() {
        OutgoingEmail email = MessageReader.read(json("{'from':'noreply@example.com','to':['a@x.com'],'template':'welcome',"
                + "'templateData':{'name':'Ada'}}"));
        assertThat(email.kind()).isEqualTo(OutgoingEmail.Kind.TEMPLATE);
        assertThat(email.template()).isEqualTo("welcome");
        assertThat(email.templateData()).isEqualTo("{\"name\":\"Ada\"}");
    }

    @Test
    void raw_mime_is_parsed_and_its_headers_give_from_and_recipients() {
        String mime = "From: Acme <noreply@example.com>\r\nTo: a@x.com, b@y.com\r\nCc: c@z.com\r\n"
                + "Subject: Raw\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nbody\r\n";
        OutgoingEmail email = MessageReader.read(Json.createObjectBuilder()
                .add("raw", Base64.getEncoder().encodeToString(mime.getBytes(StandardCharsets.UTF_8)))
                .add("bcc", Json.createArrayBuilder().add("d@w.com")).build());
        assertThat(email.kind()).isEqualTo(OutgoingEmail.Kind.RAW);
        assertThat(email.fromAddress()).isEqualTo("noreply@example.com");
        assertThat(email.recipients()).containsExactly("a@x.com", "b@y.com", "c@z.com", "d@w.com");
        assertThat(email.subject()).isEqualTo("Raw");
        assertThat(email.rawMime()).isEqualTo(mime.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void header_injection_and_bad_input_are_refused_naming_the_field() {
        bad("{'from':'a@b.com','to':['x@y.com'],'subject':'Hi\\r\\nBcc: evil@x.com','text':'t'}", "subject: must not contain CR, LF or NUL");
        bad("{'from':'Evil\\nBcc: x@y.com <a@b.com>','to':['x@y.com'],'subject':'s','text':'t'}", "from: must not contain");
        bad("{'from':'a@b.com','to':['x@y.com\\u0000'],'subject':'s','text':'t'}", "to[0]: must not contain");
        bad("{'from':'not an address','to':['x@y.com'],'subject':'s','text':'t'}", "from:");
        bad("{'from':'a@b.com','to':['nope'],'subject':'s','text':'t'}", "to[0]");
        bad("{'from':'a@b.com','to':'x@y.com','subject':'s','text':'t'}", "to: must be an array");
        bad("{'from':'a@b.com','to':['x@y.com'],'subject':'s'}", "text or html is required");
        bad("{'to':['x@y.com'],'subject':'s','text':'t'}", "from: is required");
        bad("{'from':'a@b.com','to':['x@y.com'],'template':'t','subject':'s'}", "subject: not allowed with template");
        bad("{'subject':'s','raw':'eA=='}", "subject: not allowed with raw");
        bad("{'raw':'!!!'}", "raw: not valid base64");
        bad("{'raw':'" + Base64.getEncoder().encodeToString("To: a@b.com\r\n\r\nbody".getBytes()) + "'}", "exactly one From");
        bad("{'from':'a@b.com','to':['x@y.com'],'subject':'s','text':'t','colour':'red'}", "colour: unknown field");
        bad("{'from':'a@b.com','to':['x@y.com'],'subject':'s','text':'t','tags':{'a b':'c'}}", "tags.a b");
        String injectedRaw = "From: a@b.com\r\nTo: x@y.com\r\nSubject: =?UTF-8?Q?Hi=0D=0ABcc:_evil@x.com?=\r\n\r\nbody";
        bad("{'raw':'" + Base64.getEncoder().encodeToString(injectedRaw.getBytes()) + "'}", "Subject: must not contain");
    }

    private static void bad(String body, String message) {
        assertThatThrownBy(() -> MessageReader.read(json(body))).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(message);
    }
}
