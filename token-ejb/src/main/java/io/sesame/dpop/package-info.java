/**
 * Sender-constrained access tokens (DPoP, RFC 9449): a client proves with each request that it holds the private key a
 * token is bound to ({@code cnf.jkt}), so a stolen token alone is useless. Proofs are checked with nimbus primitives;
 * their ids are remembered cluster-wide for as long as they could be accepted. Uses cluster, platform.
 */
package io.sesame.dpop;
