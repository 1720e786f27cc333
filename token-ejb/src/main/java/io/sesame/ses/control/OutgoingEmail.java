package io.sesame.ses.control;

import io.sesame.policy.control.MessageFacts;
import java.util.List;
import java.util.Map;

/**
 * A validated message ready for a transport: exactly one of simple content (subject/text/html), raw MIME or a
 * template. Addresses are bare ({@code a@b}); the display name is kept apart. For raw MIME, {@code rawMime} is the
 * message as re-serialised from the checked headers, and the addresses are the ones checked: a transport passes them to
 * SES explicitly (From, Destination), so SES acts on what the policy saw; {@code sender} and {@code returnPath} are the
 * raw message's Sender and Return-Path addresses (checked like From).
 */
public record OutgoingEmail(Kind kind, String fromAddress, String fromDisplayName, List<String> to, List<String> cc,
                            List<String> bcc, List<String> replyTo, String subject, String text, String html,
                            byte[] rawMime, String template, String templateData, String configurationSet,
                            Map<String, String> tags, String sender, String returnPath) {

    public OutgoingEmail(Kind kind, String fromAddress, String fromDisplayName, List<String> to, List<String> cc,
                         List<String> bcc, List<String> replyTo, String subject, String text, String html,
                         byte[] rawMime, String template, String templateData, String configurationSet,
                         Map<String, String> tags) {
        this(kind, fromAddress, fromDisplayName, to, cc, bcc, replyTo, subject, text, html, rawMime, template, templateData,
                configurationSet, tags, null, null);
    }

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
        return new MessageFacts(fromAddress, fromDisplayName, recipients(), template, configurationSet, replyTo, sender, returnPath);
    }

    public OutgoingEmail withConfigurationSet(String set) {
        return new OutgoingEmail(kind, fromAddress, fromDisplayName, to, cc, bcc, replyTo, subject, text, html, rawMime,
                template, templateData, set, tags, sender, returnPath);
    }
}
