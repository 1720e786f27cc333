package io.sesame.policy.control;

import java.util.List;

/**
 * What the policy engine looks at in a send request, whatever its form (simple, raw MIME, template, bulk).
 *
 * @param fromAddress      the bare From address
 * @param fromDisplayName  the From display name, or null
 * @param recipients       every To, Cc and Bcc address (bare)
 * @param template         the template name, or null
 * @param configurationSet the requested configuration set, or null
 * @param replyTo          Reply-To addresses (bare)
 * @param sender           the Sender header's address (raw MIME), or null
 * @param returnPath       the Return-Path header's address (raw MIME: where SES forwards bounces and complaints), or null
 */
public record MessageFacts(String fromAddress, String fromDisplayName, List<String> recipients, String template,
                           String configurationSet, List<String> replyTo, String sender, String returnPath) {

    public MessageFacts {
        recipients = List.copyOf(recipients);
        replyTo = List.copyOf(replyTo);
    }

    public MessageFacts(String fromAddress, String fromDisplayName, List<String> recipients, String template,
                        String configurationSet) {
        this(fromAddress, fromDisplayName, recipients, template, configurationSet, List.of(), null, null);
    }
}
