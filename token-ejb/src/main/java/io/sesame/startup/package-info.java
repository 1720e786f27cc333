/**
 * Start-up and readiness: the first administrator and API key created on an empty database (their credentials written
 * once to a file only the owner may read), and the readiness check (database, pepper, signing keys, cluster). Uses
 * token, user, audit, cluster, policy and platform; nothing uses it.
 */
package io.sesame.startup;
