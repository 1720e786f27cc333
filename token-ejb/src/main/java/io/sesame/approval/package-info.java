/**
 * Four-eyes approvals: issuing a key, widening a policy, creating a portal account or making one stronger waits for a
 * second person when its gate is on ({@code access.control.FourEyesGates}). Owns the approval requests and the rule of
 * who may approve ({@code control.FourEyes}); uses token and user (to carry out an approved change as an {@code Actor}
 * carrying the approval), access, policy, audit and platform.
 */
package io.sesame.approval;
