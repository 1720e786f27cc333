package io.sesame.audit.control;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A search over lifecycle events (who changed what): filters, a time window and the same keyset cursor as the
 * call search. Built from request parameters with a clear error for each bad one.
 */
public record LifecycleQuery(String actor, String action, String targetType, String targetId, String sourceIp,
                             Instant from, Instant to, int limit, CallQuery.Cursor after) {

    static final Set<String> PARAMETERS = Set.of("actor", "action", "targetType", "targetId", "ip", "from", "to",
            "limit", "cursor");

    /** @throws IllegalArgumentException naming the parameter */
    public static LifecycleQuery parse(Map<String, String> params) {
        CallQuery.rejectUnknown(params, PARAMETERS);
        if (params.get("targetId") != null && params.get("targetType") == null) {
            throw new IllegalArgumentException("targetId: give targetType too (e.g. api-key, application, alert)");
        }
        Instant from = CallQuery.instant(params, "from");
        Instant to = CallQuery.instant(params, "to");
        CallQuery.checkWindow(from, to);
        return new LifecycleQuery(params.get("actor"), params.get("action"), params.get("targetType"),
                params.get("targetId"), params.get("ip"), from, to, CallQuery.limit(params),
                params.get("cursor") == null ? null : CallQuery.Cursor.decode(params.get("cursor")));
    }
}
