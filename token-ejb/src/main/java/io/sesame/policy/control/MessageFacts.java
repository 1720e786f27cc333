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
 */
public record MessageFacts(String fromAddress, String fromDisplayName, List<String> recipients, String template,
                           String configurationSet) {

    public MessageFacts {
        recipients = List.copyOf(recipients);
    }
}
