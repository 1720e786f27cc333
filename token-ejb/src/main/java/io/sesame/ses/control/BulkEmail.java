package io.sesame.ses.control;

import java.util.List;
import java.util.Map;

/**
 * A validated SendBulkEmail request: one template to up to 50 destinations, each with its own recipients and
 * template data; every destination is a message of its own for policy, rate and quota.
 */
public record BulkEmail(String fromAddress, String fromDisplayName, List<String> replyTo, String template,
                        String defaultTemplateData, String configurationSet, Map<String, String> tags,
                        List<Destination> destinations) {

    /** SES accepts at most 50 destinations per SendBulkEmail call. */
    public static final int MAX_DESTINATIONS = 50;

    public record Destination(List<String> to, List<String> cc, List<String> bcc, String templateData) {
        public Destination {
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            bcc = List.copyOf(bcc);
        }
    }

    public BulkEmail {
        replyTo = List.copyOf(replyTo);
        tags = Map.copyOf(tags);
        destinations = List.copyOf(destinations);
    }

    /** Destination {@code i} as a single templated message (how the policy engine and the sandbox see it). */
    public OutgoingEmail message(int i) {
        Destination d = destinations.get(i);
        return new OutgoingEmail(OutgoingEmail.Kind.TEMPLATE, fromAddress, fromDisplayName, d.to(), d.cc(), d.bcc(), replyTo,
                null, null, null, null, template, d.templateData() != null ? d.templateData() : defaultTemplateData,
                configurationSet, tags);
    }

    public BulkEmail withConfigurationSet(String set) {
        return new BulkEmail(fromAddress, fromDisplayName, replyTo, template, defaultTemplateData, set, tags, destinations);
    }
}
