/**
 * Four-eyes approvals: a change that widens a key's policy waits for a second administrator. Owns the approval
 * requests; uses token (to apply an approved change), policy (to decide what widens), audit and platform.
 */
package io.sesame.approval;
