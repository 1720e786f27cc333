/**
 * Portal accounts: administrators with roles, PBKDF2 password hashes, lockout and the per-address sign-in window.
 * Uses audit and platform.
 */
package io.sesame.user;
