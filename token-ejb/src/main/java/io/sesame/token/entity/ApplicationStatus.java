package io.sesame.token.entity;

public enum ApplicationStatus { ACTIVE, SUSPENDED }
