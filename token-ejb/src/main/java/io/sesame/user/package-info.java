/**
 * Portal accounts: administrators with roles, PBKDF2 password hashes, lockout and the per-address sign-in window.
 * Uses audit, token and platform.
 */
package io.sesame.user;
