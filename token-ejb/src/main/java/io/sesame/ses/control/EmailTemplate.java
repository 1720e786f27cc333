package io.sesame.ses.control;

/** An SES email template (as stored) or a rendering of one (with the data substituted). */
public record EmailTemplate(String name, String subject, String text, String html) {

    /** SES's rules: a name of letters, digits, _ and -, a subject, and at least one of text and HTML. */
    public static EmailTemplate validated(String name, String subject, String text, String html) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("name: letters, digits, _ and -, at most 64 characters");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject: is required");
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("subject: must not contain CR or LF");
        }
        if ((text == null || text.isEmpty()) && (html == null || html.isEmpty())) {
            throw new IllegalArgumentException("text or html is required");
        }
        return new EmailTemplate(name, subject, text, html);
    }
}
