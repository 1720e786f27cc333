/**
 * The admin portal (Jakarta Faces, context root {@code /admin}): one {@code @Named} view bean per page, grouped by area
 * (keys, audit, alerts, reviews, approvals, reports, users), plus the sign-in mechanism and security headers
 * ({@code security}). Views call the EJB boundaries of {@code token-ejb}; decisions stay there.
 */
package io.sesame.admin;
