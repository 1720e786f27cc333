package io.sesame.token.entity;

/** Where an API key stands in its lifecycle. */
public enum KeyStatus { ACTIVE, ROTATED_IN_GRACE, REVOKED, EXPIRED, SUSPENDED }
