package io.sesame.leak.boundary;

import io.sesame.access.control.Actor;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.leak.control.LeakReport;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.boundary.TokenSettings;
import io.sesame.token.control.ApiKeyFormat;
import io.sesame.token.control.ApiKeySecret;
import io.sesame.token.control.MalformedApiKeyException;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.KeyStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What Sesame does with reported secrets: each that is a genuine key (right format and checksum, an existing key, its
 * secret matching the stored hash in constant time) is revoked or suspended at once by Sesame itself, and recorded as
 * {@code key.leak-reported} with where it was found (the alert monitor turns that into an alert to operators and the
 * key's application). Anything else is a false positive and changes nothing: a report cannot harm a key unless it
 * holds the key's whole secret — and then the key is leaked.
 */
@Stateless
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class LeakResponse {

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @EJB
    KeyService keys;

    @EJB
    LifecycleAudit audit;

    @Inject
    TokenSettings tokenSettings;

    @Inject
    LeakSettings settings;

    /**
     * One reported secret's outcome: GitHub's feedback fields, and for a genuine key its id and what was done;
     * {@code failed} when the key could not be revoked now (the report should be sent again).
     */
    public record Outcome(String tokenHash, String tokenType, boolean truePositive, String keyId, String action, boolean failed) {
    }

    /**
     * @param reporter who reported ({@code github}, or the key that used the admin endpoint)
     */
    public List<Outcome> handle(List<LeakReport> reports, String reporter, String clientIp, String requestId) {
        List<Outcome> outcomes = new ArrayList<>(reports.size());
        Set<String> handled = new LinkedHashSet<>();
        for (LeakReport report : reports) {
            String hash = io.sesame.platform.control.Digests.sha256Hex(report.token());
            ApiKey key = genuineKey(report.token());
            if (key == null) {
                outcomes.add(new Outcome(hash, report.type(), false, null, null, false));
                continue;
            }
            String action;
            boolean failed = false;
            if (!handled.add(key.getId())) {
                action = "reported again in this report";
            } else {
                try { // each key in a transaction of its own: one key changed concurrently does not undo the others
                    action = context.getBusinessObject(LeakResponse.class).act(key.getId(), report, reporter, clientIp, requestId);
                } catch (RuntimeException e) {
                    action = "not revoked yet (" + e.getClass().getSimpleName() + "): send the report again";
                    failed = true;
                }
            }
            outcomes.add(new Outcome(hash, report.type(), true, key.getId(), action, failed));
        }
        return outcomes;
    }

    /** Revokes or suspends one reported key and records the report, in a transaction of its own. */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.REQUIRES_NEW)
    public String act(String keyId, LeakReport report, String reporter, String clientIp, String requestId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        String action = respond(key);
        audit.record("scanner:" + reporter, "key.leak-reported", "api-key", key.getId(), "found at "
                + (report.url() == null ? "(no URL given)" : report.url())
                + (report.source() == null ? "" : " (source " + report.source() + ")") + " by " + reporter + "; " + action,
                clientIp, requestId);
        return action;
    }

    private String respond(ApiKey key) {
        Actor sesame = Actor.system("leak-report");
        if (key.getStatus() == KeyStatus.REVOKED || key.getStatus() == KeyStatus.EXPIRED) {
            return "the key was already " + key.getStatus().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (settings.action() == LeakSettings.Action.SUSPEND) {
            if (key.getStatus() == KeyStatus.SUSPENDED) {
                return "the key was already suspended";
            }
            keys.suspend(key.getId(), sesame);
            return "key suspended (sesame.leaks.action=suspend): issue a new key, then revoke this one (reactivate it only if the report was wrong)";
        }
        keys.revoke(key.getId(), sesame);
        return "key revoked";
    }

    /** The key whose whole secret this is, or null. */
    private ApiKey genuineKey(String token) {
        ApiKeySecret secret;
        try {
            secret = ApiKeyFormat.parse(token);
        } catch (MalformedApiKeyException e) {
            return null;
        }
        ApiKey key = em.find(ApiKey.class, secret.keyId());
        if (key == null || key.isFederated() || !tokenSettings.keyHasher().matches(secret, key.getSecretHash())) {
            return null;
        }
        return key;
    }
}
