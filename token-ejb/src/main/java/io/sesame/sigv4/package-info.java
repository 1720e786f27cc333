/**
 * AWS Signature Version 4 for the SES-compatible endpoint: the verifier (by the published algorithm, proven against
 * AWS's test suite) and the authenticator that admits a key by its SigV4 secret and accepts each signed request that
 * changes something once (the replay guard, cluster-wide through cluster). Uses token, audit (call context), cluster and
 * platform.
 */
package io.sesame.sigv4;
