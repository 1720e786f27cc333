/**
 * Sending: reading and bounding a message ({@code MessageReader}, {@code MessageLimits}, {@code RawMime}) into the
 * transport's {@code OutgoingEmail}, and the send use cases (send, bulk, dry run) with idempotency, rate limits and
 * daily quotas. Uses policy to decide, ses to deliver, token for key state, cluster for shared rate limits, quota to
 * count, audit to record.
 */
package io.sesame.mail;
