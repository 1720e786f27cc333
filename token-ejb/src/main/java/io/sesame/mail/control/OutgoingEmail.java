package io.sesame.mail.control;

import io.sesame.policy.control.MessageFacts;
import java.util.List;
import java.util.Map;

/**
 * A validated message ready for a transport: exactly one of simple content (subject/text/html), raw MIME or a
 * template. Addresses are bare ({@code a@b}); the display name is kept apart.
 */
public record OutgoingEmail(Kind kind, String fromAddress, String fromDisplayName, List<String> to, List<String> cc,
                            List<String> bcc, List<String> replyTo, String subject, String text, String html,
                            byte[] rawMime, String template, String templateData, String configurationSet,
                            Map<String, String> tags) {

    public enum Kind { SIMPLE, RAW, TEMPLATE }

    public OutgoingEmail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        tags = Map.copyOf(tags);
    }

    /** Every recipient, To then Cc then Bcc. */
    public List<String> recipients() {
        return java.util.stream.Stream.of(to, cc, bcc).flatMap(List::stream).toList();
    }

    /** The From header as sent: {@code "Name" <address>} or the bare address. */
    public String fromHeader() {
        if (fromDisplayName == null) {
            return fromAddress;
        }
        try {
            return new jakarta.mail.internet.InternetAddress(fromAddress, fromDisplayName, "UTF-8").toString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public MessageFacts facts() {
        return new MessageFacts(fromAddress, fromDisplayName, recipients(), template, configurationSet);
    }

    public OutgoingEmail withConfigurationSet(String set) {
        return new OutgoingEmail(kind, fromAddress, fromDisplayName, to, cc, bcc, replyTo, subject, text, html, rawMime,
                template, templateData, set, tags);
    }
}
