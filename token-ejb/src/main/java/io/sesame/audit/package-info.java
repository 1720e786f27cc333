/**
 * The audit trail: call events (every guarded call, allowed or denied, written before SES is called and completed
 * after, through one group-committed writer) and the facade every front door records them with ({@code CallAudit},
 * {@code CallContext}), lifecycle events, their search and export, the hash chain that seals them, retention with
 * signed checkpoints, and the metrics and log lines that count refusals no key can be blamed for. Depends only on policy
 * (reason codes, message facts) and platform; every other component writes through it.
 */
package io.sesame.audit;
