/**
 * Applications, API keys and access tokens: key format and hashing, issue, rotation with grace and reuse detection,
 * suspension and revocation, the token endpoint (client credentials), introspection and revocation (RFC 7662/7009),
 * signing keys and their rotation, key hygiene, the per-instance key directory; every change to a key or application
 * checks its {@code Actor} here. Uses access, policy, audit, cluster, platform.
 */
package io.sesame.token;
