/**
 * Four-eyes approvals: a change that widens a key's policy waits for a second administrator. Owns the approval
 * requests; uses token (to apply an approved change as the approver's {@code Actor}), access, policy (to decide what
 * widens), audit and platform.
 */
package io.sesame.approval;
