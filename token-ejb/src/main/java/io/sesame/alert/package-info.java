/**
 * Alerts: rules (requests and denials per minute, recipients per day, volume against a baseline, new source address,
 * rotated-key reuse, expiry, disuse, bounce and complaint rates, overdue reviews) evaluated over the audit by one monitor
 * per cluster, open alerts (one per rule and key), and their notifications (webhook signed with HMAC, email through
 * Sesame's own transport, auto-suspension) through an outbox with backoff. Uses access, audit, review, ses, token, policy
 * and platform.
 */
package io.sesame.alert;
