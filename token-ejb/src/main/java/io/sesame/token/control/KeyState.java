package io.sesame.token.control;

import io.sesame.policy.control.AccessPolicy;
import io.sesame.token.entity.ApplicationStatus;
import io.sesame.token.entity.KeyStatus;
import java.time.Instant;

/** What the token service needs to know about a key, cached per instance and invalidated on every change. */
public record KeyState(String keyId, String applicationId, String applicationName, ApplicationStatus applicationStatus,
                       KeyStatus status, String secretHash, Instant expiresAt, Instant graceUntil,
                       int policyVersion, AccessPolicy policy, boolean federated) {

    /** An API key (not a trust policy's key). */
    public KeyState(String keyId, String applicationId, String applicationName, ApplicationStatus applicationStatus,
                    KeyStatus status, String secretHash, Instant expiresAt, Instant graceUntil, int policyVersion,
                    AccessPolicy policy) {
        this(keyId, applicationId, applicationName, applicationStatus, status, secretHash, expiresAt, graceUntil,
                policyVersion, policy, false);
    }
}
