/**
 * Workload identity federation: an application's trust policies let a workload (a CI job, a Kubernetes pod) trade the
 * OIDC token its platform gives it for a Sesame access token (RFC 8693 token exchange), so that it holds no API key.
 * Each trust policy is a key without a secret ({@code credential = federated}): its access policy, expiry, suspension,
 * revocation, rate limits, quotas and audit are a key's, unchanged. Uses token, policy, audit, platform.
 */
package io.sesame.federation;
