/**
 * Sending: reading and bounding a message ({@code MessageReader}, {@code MessageLimits}, {@code RawMime}), the send use
 * cases (send, bulk, dry run) with idempotency, rate limits and the daily quotas, and the call-audit facade that the
 * other front doors (SES endpoint, STS, SigV4) use too. Uses policy to decide, ses to deliver, token for key state,
 * cluster for shared rate limits, audit to record.
 */
package io.sesame.mail;
