/**
 * AWS Signature Version 4 for the SES-compatible endpoint: the verifier (by the published algorithm, proven against
 * AWS's test suite) and the authenticator that admits a key by its SigV4 secret. Uses token, audit (call context) and
 * platform.
 */
package io.sesame.sigv4;
