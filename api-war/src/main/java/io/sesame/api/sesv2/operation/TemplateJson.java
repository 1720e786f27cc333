package io.sesame.api.sesv2.operation;

import io.sesame.api.sesv2.SesError;
import io.sesame.ses.control.EmailTemplate;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Templates in SES's JSON (TemplateContent) and as SES renders them (MIME), shared by the template operations. */
final class TemplateJson {

    private static final Session MIME = Session.getInstance(new Properties());

    private TemplateJson() {
    }

    static EmailTemplate template(String name, JsonObject body) {
        JsonObject content = body.getJsonObject("TemplateContent");
        if (content == null) {
            throw new SesError(400, "BadRequestException", "TemplateContent is required");
        }
        try {
            return EmailTemplate.validated(name, content.getString("Subject", null), content.getString("Text", null),
                    content.getString("Html", null));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new SesError(400, "BadRequestException", e instanceof ClassCastException
                    ? "TemplateContent's Subject, Text and Html must be strings" : e.getMessage());
        }
    }

    static JsonObjectBuilder content(EmailTemplate t) {
        JsonObjectBuilder c = Json.createObjectBuilder().add("Subject", t.subject());
        if (t.text() != null) {
            c.add("Text", t.text());
        }
        if (t.html() != null) {
            c.add("Html", t.html());
        }
        return c;
    }

    /**
     * The rendered template as SES shows it: a MIME message built by Jakarta Mail (the subject as RFC 2047 encoded words
     * where needed, text and HTML as multipart/alternative), never by concatenation — a CR or LF that template data put
     * into the subject becomes a space instead of a header of its own.
     */
    static String renderedMime(EmailTemplate t) {
        try {
            MimeMessage message = new MimeMessage(MIME);
            message.setSubject(t.subject().replaceAll("[\\r\\n\\x00]+", " "), "UTF-8");
            MimeMultipart alternative = new MimeMultipart("alternative");
            if (t.text() != null) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(t.text(), "UTF-8");
                alternative.addBodyPart(text);
            }
            if (t.html() != null) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(t.html(), "UTF-8", "html");
                alternative.addBodyPart(html);
            }
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out, new String[] {"Message-ID"});
            return out.toString(StandardCharsets.UTF_8);
        } catch (MessagingException | IOException e) {
            throw new SesError(500, "InternalFailure", "the template could not be rendered as MIME");
        }
    }
}
