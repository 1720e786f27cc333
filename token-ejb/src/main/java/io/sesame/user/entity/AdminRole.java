package io.sesame.user.entity;

/** Portal roles: admin does everything, reviewer runs access reviews and reads, auditor only reads. */
public enum AdminRole { admin, reviewer, auditor }
