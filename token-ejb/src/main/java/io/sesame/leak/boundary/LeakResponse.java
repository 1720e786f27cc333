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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
public class LeakResponse {

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

    /** One reported secret's outcome: GitHub's feedback fields, and for a genuine key its id and what was done. */
    public record Outcome(String tokenHash, String tokenType, boolean truePositive, String keyId, String action) {
    }

    /**
     * @param reporter who reported ({@code github}, or the key that used the admin endpoint)
     */
    public List<Outcome> handle(List<LeakReport> reports, String reporter, String clientIp, String requestId) {
        List<Outcome> outcomes = new ArrayList<>(reports.size());
        Set<String> handled = new LinkedHashSet<>();
        for (LeakReport report : reports) {
            String hash = sha256(report.token());
            ApiKey key = genuineKey(report.token());
            if (key == null) {
                outcomes.add(new Outcome(hash, report.type(), false, null, null));
                continue;
            }
            String action;
            if (!handled.add(key.getId())) {
                action = "reported again in this report";
            } else {
                action = respond(key);
                audit.record("scanner:" + reporter, "key.leak-reported", "api-key", key.getId(), "found at "
                        + (report.url() == null ? "(no URL given)" : report.url())
                        + (report.source() == null ? "" : " (source " + report.source() + ")") + " by " + reporter + "; " + action,
                        clientIp, requestId);
            }
            outcomes.add(new Outcome(hash, report.type(), true, key.getId(), action));
        }
        return outcomes;
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
            return "key suspended (sesame.leaks.action=suspend): rotate it, then reactivate or revoke";
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

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
