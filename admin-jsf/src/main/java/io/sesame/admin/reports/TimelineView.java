package io.sesame.admin.reports;

import io.sesame.admin.platform.Messages;
import io.sesame.report.boundary.Timeline;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Incident timeline: everything a key, application or address did and had done to it in a window, in order. */
@Named
@ViewScoped
public class TimelineView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Timeline timeline;

    private String subject = "KEY";
    private String value = "";
    private String from = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES).toString();
    private String to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES).toString();
    private Timeline.Result result;

    /** A link from a key's page (?key=…) shows that key's last day straight away. */
    public void load() {
        if (result == null && !value.isBlank()) {
            show();
        }
    }

    public void show() {
        try {
            result = timeline.of(Timeline.Subject.valueOf(subject), value, instant("From", from), instant("To", to));
        } catch (RuntimeException e) {
            result = null;
            Messages.error(Messages.of(e));
        }
    }

    static Instant instant(String field, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": an ISO-8601 instant such as 2026-11-28T09:00:00Z");
        }
    }

    public String getCsvQuery() {
        return "subject=" + subject + "&value=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&from="
                + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    public List<Timeline.Entry> getEntries() {
        return result == null ? List.of() : result.entries();
    }

    public boolean isShown() { return result != null; }
    public boolean isTruncated() { return result != null && result.truncated(); }
    public String getSubject() { return subject; }
    public void setSubject(String v) { this.subject = v == null ? "KEY" : v; }
    public String getValue() { return value; }
    public void setValue(String v) { this.value = v == null ? "" : v; }
    public void setKey(String key) {
        if (key != null && !key.isBlank()) {
            this.subject = "KEY";
            this.value = key;
        }
    }
    public String getKey() { return subject.equals("KEY") ? value : null; }
    public String getFrom() { return from; }
    public void setFrom(String v) { this.from = v == null ? "" : v; }
    public String getTo() { return to; }
    public void setTo(String v) { this.to = v == null ? "" : v; }
}
