package io.sesame.policy.control;

/** One reason of a decision: a code and a human-readable detail that names the offending value. */
public record Reason(ReasonCode code, String detail) {
}
