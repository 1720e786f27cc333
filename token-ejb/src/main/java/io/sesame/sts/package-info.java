/**
 * Temporary AWS credentials: session policies generated from a key's scope, AssumeRole with clamped lifetimes and
 * source identity, cached scoped credentials for the STS transport mode, and the vending use case. Uses policy, audit,
 * token and platform (the shared AWS connection).
 */
package io.sesame.sts;
