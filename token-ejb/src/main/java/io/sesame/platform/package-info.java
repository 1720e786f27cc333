/**
 * The shared kernel every component stands on, depending on none of them: settings shared by all ({@code SesameSettings}:
 * data directory, database, pepper, AWS connection) and helpers to read the components' own, the data source and
 * schema migration, job leases, ids and Base62, digests and the pepper, and {@code SesameException}. Start-up features
 * (bootstrap, readiness) live in {@code startup}.
 */
package io.sesame.platform;
