package io.sesame.ses.control;

import java.util.List;
import java.util.Locale;

/**
 * The SES mailbox simulator's addresses, which the sandbox honours as SES would: the outcome a message to them
 * would have (delivery, bounce, complaint, suppression-list bounce, out-of-office).
 */
public final class MailboxSimulator {

    public static final String DOMAIN = "simulator.amazonses.com";

    private MailboxSimulator() {
    }

    /** The simulated outcome of a message: the first simulator recipient decides; others are just "stored". */
    public static String outcome(List<String> recipients) {
        for (String r : recipients) {
            String lower = r.toLowerCase(Locale.ROOT);
            if (lower.endsWith("@" + DOMAIN)) {
                String local = lower.substring(0, lower.indexOf('@'));
                int plus = local.indexOf('+'); // SES allows labels: success+label@…
                String box = plus < 0 ? local : local.substring(0, plus);
                switch (box) {
                    case "success": return "delivered";
                    case "bounce": return "bounce";
                    case "complaint": return "complaint";
                    case "suppressionlist": return "suppressed";
                    case "ooto": return "ooto";
                    default: return "stored";
                }
            }
        }
        return "stored";
    }
}
