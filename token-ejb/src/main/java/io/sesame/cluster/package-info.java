/**
 * Cluster mode: what several Payara Micro instances on one database share through Payara's data grid — key and
 * application versions, revoked tokens, rate-limit buckets (compare-and-set), notices — with a per-instance fallback.
 * Uses policy (token buckets) only; whether it is on is its own setting ({@code sesame.cluster.enabled}).
 */
package io.sesame.cluster;
