package io.sesame.reputation.control;

/**
 * A key's SES outcomes over a window and the rates AWS watches. The denominator is the number of messages with a
 * known fate: Send events when configuration-set event publishing reports them, otherwise deliveries + bounces.
 */
public record Reputation(long sends, long deliveries, long bounces, long complaints, long rejects) {

    public long messages() {
        return Math.max(sends, deliveries + bounces);
    }

    public double bounceRate() {
        return messages() == 0 ? 0 : (double) bounces / messages();
    }

    public double complaintRate() {
        return messages() == 0 ? 0 : (double) complaints / messages();
    }

    /** Rates mean something only over enough messages; below that a single bounce would look like 100 %. */
    public boolean judgeable(int minMessages) {
        return messages() >= minMessages;
    }
}
