package io.sesame.admin.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and numbers as people read them: UTC timestamps, "in 3 days", "2 h ago", percentages. */
@Named("fmt")
@ApplicationScoped
public class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    public String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    public String seconds(Instant t) {
        return t == null ? "—" : SECONDS.format(t);
    }

    /** "in 3 days", "5 min ago", "never". */
    public String relative(Instant t) {
        if (t == null) {
            return "never";
        }
        Duration d = Duration.between(Instant.now(), t);
        boolean future = !d.isNegative();
        d = d.abs();
        String amount;
        if (d.toMinutes() < 1) {
            amount = "less than a minute";
        } else if (d.toHours() < 1) {
            amount = d.toMinutes() + " min";
        } else if (d.toDays() < 2) {
            amount = d.toHours() + " h";
        } else {
            amount = d.toDays() + " days";
        }
        return future ? "in " + amount : amount + " ago";
    }

    public String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.2f %%", rate * 100);
    }

    public String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
