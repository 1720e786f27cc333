package io.sesame.api.security;

import io.sesame.policy.control.Permission;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an endpoint needs, named from the catalogue (so there is one list of actions). The caller
 * must present a valid, unrevoked access token whose {@code groups} hold it. See also {@link Authenticated}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
    Permission value();
}
