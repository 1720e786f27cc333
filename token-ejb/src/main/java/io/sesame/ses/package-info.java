/**
 * Amazon SES: the transport interface and its two implementations (the built-in sandbox, the AWS SDK v2 client,
 * optionally under per-key STS credentials), the other SES operations (templates, account, identities, suppression
 * list, configuration sets) within a key's scope, and the sandbox's stored messages and templates.
 */
package io.sesame.ses;
