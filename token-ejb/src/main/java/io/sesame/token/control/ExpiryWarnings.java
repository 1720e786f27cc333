package io.sesame.token.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** Which expiry warning (N days before) is due for a key, given the ones already sent. */
public final class ExpiryWarnings {

    private ExpiryWarnings() {
    }

    /**
     * @param thresholds    days before expiry at which to warn, e.g. 14, 7, 1
     * @param alreadyWarned the smallest threshold already warned about, or null
     * @return the threshold to warn about now, if any (only the most urgent one when several passed at once)
     */
    public static OptionalInt due(Instant now, Instant expiresAt, List<Integer> thresholds, Integer alreadyWarned) {
        Duration left = Duration.between(now, expiresAt);
        if (left.isNegative() || left.isZero()) {
            return OptionalInt.empty();
        }
        OptionalInt mostUrgent = thresholds.stream().mapToInt(Integer::intValue)
                .filter(days -> left.compareTo(Duration.ofDays(days)) <= 0)
                .min();
        if (mostUrgent.isEmpty() || (alreadyWarned != null && alreadyWarned <= mostUrgent.getAsInt())) {
            return OptionalInt.empty();
        }
        return mostUrgent;
    }
}
