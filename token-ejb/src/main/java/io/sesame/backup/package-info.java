/**
 * Backups: an online copy of the embedded H2 database, on demand (PostgreSQL is backed up with its own tools). Uses
 * platform (settings, data source), access (who may), audit (the backup is a lifecycle event) and policy.
 */
package io.sesame.backup;
