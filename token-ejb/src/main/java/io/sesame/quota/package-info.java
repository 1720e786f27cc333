/**
 * Daily quotas: what each key has sent today (messages and recipients), counted in the database so that every
 * instance of a cluster sees the same totals, and counted only when both fit. Uses nothing but the database.
 */
package io.sesame.quota;
