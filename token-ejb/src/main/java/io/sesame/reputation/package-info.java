/**
 * SES reputation per key from signed SNS notifications (bounces, complaints, deliveries): signature and topic checks,
 * de-duplication, per-key counters, and the bounce- and complaint-rate judgement that raises alerts. Uses alert, audit
 * and platform.
 */
package io.sesame.reputation;
