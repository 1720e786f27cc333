/**
 * Access reviews: campaigns that list every key with its permissions used and unused (from the audit), and the keep,
 * reduce or revoke decision per key, applied with the review's own authority. Uses access, audit, token, policy, user
 * and platform.
 */
package io.sesame.review;
