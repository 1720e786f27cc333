/**
 * Shared infrastructure and start-up: settings (MicroProfile Config), the data source and schema migration, job leases,
 * bootstrap of the first administrator and key, readiness. Known to be too wide (it also reaches into features for
 * bootstrap and readiness): splitting a dependency-free kernel out of it is issue 15's first step.
 */
package io.sesame.platform;
