/**
 * Revocation push (OpenID Shared Signals): revocations, suspensions, rotations and leaks are delivered to subscribed
 * receivers as signed Security Event Tokens (RFC 8417; CAEP and RISC event types where they fit), pushed per RFC 8935
 * through an outbox with retries, read from the lifecycle trail so that no committed change is missed. Uses audit,
 * token, alert (its retry schedule), platform.
 */
package io.sesame.signal;
