/**
 * Read models for people: the dashboard, the incident timeline and the compliance report (CSV and PDF, streamed section
 * by section). Reads audit, alert, review, token, policy and platform; writes nothing but lifecycle events for the
 * reports it produces.
 */
package io.sesame.report;
