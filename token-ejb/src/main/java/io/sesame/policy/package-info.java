/**
 * The decisions, in plain Java with no container types: the permission catalogue (the one list of actions), access
 * policies and resource scopes with their JSON form, the policy engine and its reason codes, address patterns, networks,
 * token buckets, scope comparison (what widens). Depends on nothing else in Sesame; everything may use it.
 */
package io.sesame.policy;
