package io.sesame.alert.control;

import java.util.Arrays;

/** A key's usual volume for an hour of the day: the median of the same hour over the previous days. */
public final class VolumeBaseline {

    /** Below this many calls in the hour, a multiple of the baseline is noise, not an anomaly. */
    public static final long MIN_CALLS = 50;

    private VolumeBaseline() {
    }

    public static double median(long[] counts) {
        if (counts.length == 0) {
            return 0;
        }
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /**
     * The observed multiple of the baseline, or 0 when there is no baseline to compare with (a key without
     * history) or too little volume to judge.
     */
    public static double multiple(long current, long[] previousDays) {
        double median = median(previousDays);
        if (current < MIN_CALLS || median <= 0) {
            return 0;
        }
        return current / median;
    }
}
