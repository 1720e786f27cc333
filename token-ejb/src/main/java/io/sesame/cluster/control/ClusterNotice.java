package io.sesame.cluster.control;

import java.io.Serializable;

/**
 * A fast notice to the other instances that shared state changed in the database: they drop what they cached about
 * the subject. Only a notice: one fired while a member is down is lost, so the database (and the version entries in
 * the grid) stay the source of truth. Sent as a clustered CDI event, hence serializable and small.
 */
public record ClusterNotice(Kind kind, String subject) implements Serializable {

    public enum Kind {
        /** A key's state or policy changed (subject: key id). */
        KEY,
        /** An application's state changed (subject: application id): every key of it. */
        APPLICATION,
        /** An access token was revoked (subject: its jti). */
        TOKEN,
        /** The signing key ring changed (a key was created, retired or removed). */
        SIGNING_KEYS
    }
}
