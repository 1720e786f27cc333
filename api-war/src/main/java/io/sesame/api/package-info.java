/**
 * The HTTP API (context root {@code /api}): one JAX-RS resource per area under {@code /api/v1} ({@link io.sesame.api.SesameApi}),
 * the SES v2 wire-compatible servlet under {@code /api/ses}, and the cross-cutting web concerns — the bearer-token
 * filter and {@code @Requires} ({@code security}), request-body limits ({@code platform}), problem+json mapping
 * ({@code problem}). Resources translate HTTP to one boundary call of {@code token-ejb} and back; no business logic here.
 */
package io.sesame.api;
