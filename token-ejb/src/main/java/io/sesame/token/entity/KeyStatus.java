package io.sesame.token.entity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Where an API key stands in its lifecycle. */
public enum KeyStatus {
    ACTIVE, ROTATED_IN_GRACE, REVOKED, EXPIRED, SUSPENDED;

    /** Live: its secret and tokens work now (still subject to its expiry and grace deadlines). */
    public static final Set<KeyStatus> LIVE = Collections.unmodifiableSet(EnumSet.of(ACTIVE, ROTATED_IN_GRACE));
    /** Not ended: live or suspended (a suspended key may come back) — what hygiene and access reviews look at. */
    public static final Set<KeyStatus> NOT_ENDED = Collections.unmodifiableSet(EnumSet.of(ACTIVE, ROTATED_IN_GRACE, SUSPENDED));

    public boolean isLive() {
        return LIVE.contains(this);
    }
}
