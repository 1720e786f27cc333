/**
 * Who acts, checked where the work is done: an {@link io.sesame.access.control.Actor} (a key with its granted
 * permissions, a portal user with the permissions of their role, or one of Sesame's own jobs) is built by the door that
 * authenticated it and passed to the services that change keys and applications, which check it themselves — so a new
 * front door cannot forget the check. Uses policy (the catalogue) and platform.
 */
package io.sesame.access;
