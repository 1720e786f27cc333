/**
 * Amazon SES: the message a transport sends ({@code OutgoingEmail}, {@code BulkEmail}), the transport interface and its
 * two implementations (the built-in sandbox, the AWS SDK v2 client, optionally under per-key STS credentials), the
 * other SES operations (templates, account, identities, suppression list, configuration sets) within a key's scope, and
 * the sandbox's stored messages and templates. Uses policy, audit, quota, sts, token and platform.
 */
package io.sesame.ses;
