package io.sesame.review.boundary;

import io.sesame.access.control.Actor;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.audit.entity.CallEvent;
import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.review.control.UnusedPermissions;
import io.sesame.review.entity.ReviewCampaign;
import io.sesame.review.entity.ReviewItem;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.KeyStatus;
import io.sesame.user.entity.AdminRole;
import io.sesame.user.entity.AdminUser;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Access review campaigns: snapshot every live key in scope with the permissions it did not use in the last N days
 * (from the call audit), then record each reviewer's keep / reduce / revoke decision and carry it out at once —
 * reduce changes the key's policy to what it used, revoke revokes it. Every step is a lifecycle event.
 */
@Stateless
public class ReviewService {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @EJB
    KeyService keys;

    @EJB
    LifecycleAudit audit;

    /** A campaign with its progress. */
    public record Progress(ReviewCampaign campaign, long total, long decided, boolean overdue) {
    }

    public ReviewCampaign create(String name, String applicationId, List<String> reviewers, int unusedDays, Instant dueAt,
                                 Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw SesameException.invalid("name", "1-200 characters");
        }
        if (unusedDays < 1 || unusedDays > 365) {
            throw SesameException.invalid("unusedDays", "between 1 and 365");
        }
        if (dueAt == null || !dueAt.isAfter(Instant.now())) {
            throw SesameException.invalid("dueAt", "a date in the future");
        }
        if (reviewers == null || reviewers.isEmpty()) {
            throw SesameException.invalid("reviewers", "name at least one reviewer");
        }
        for (String reviewer : reviewers) {
            AdminUser user = em.find(AdminUser.class, reviewer);
            if (user == null || !user.isActive() || !(user.getRoles().contains(AdminRole.admin) || user.getRoles().contains(AdminRole.reviewer))) {
                throw SesameException.invalid("reviewers", "'" + reviewer + "' is not an active admin or reviewer");
            }
        }
        Instant now = Instant.now();
        ReviewCampaign campaign = new ReviewCampaign(name.strip(), blankToNull(applicationId), reviewers, unusedDays, dueAt, actor.name(), now);
        em.persist(campaign);
        em.flush();
        String jpql = "select k from ApiKey k where k.status in :live" + (campaign.getApplicationId() == null ? "" : " and k.applicationId = :app");
        var query = em.createQuery(jpql, ApiKey.class)
                .setParameter("live", KeyStatus.NOT_ENDED);
        if (campaign.getApplicationId() != null) {
            query.setParameter("app", campaign.getApplicationId());
        }
        int count = 0;
        for (ApiKey key : query.getResultList()) {
            AccessPolicy policy = keys.get(key.getId()).policy();
            Set<Permission> unused = UnusedPermissions.unused(policy.permissions(), usedActions(key.getId(), now.minus(Duration.ofDays(unusedDays))));
            em.persist(new ReviewItem(campaign.getId(), key.getId(), key.getApplicationId(), Permission.actions(policy.permissions()),
                    Permission.actions(unused)));
            count++;
        }
        if (count == 0) {
            throw SesameException.invalid("applicationId", "no live keys to review");
        }
        audit.record(actor.name(), "review.started", "review", String.valueOf(campaign.getId()), "'" + campaign.getName() + "': "
                + count + " keys, reviewers " + reviewers + ", due " + dueAt, null, null);
        return campaign;
    }

    /** Actions a key used (allowed calls) since the given time. */
    public Set<String> usedActions(String keyId, Instant since) {
        return new HashSet<>(em.createQuery("select distinct e.action from CallEvent e where e.keyId = :key and e.occurredAt >= :since "
                        + "and e.decision = :allowed", String.class)
                .setParameter("key", keyId).setParameter("since", since).setParameter("allowed", CallEvent.Decision.ALLOWED)
                .getResultList());
    }

    public List<Progress> campaigns() {
        Instant now = Instant.now();
        return em.createQuery("select c from ReviewCampaign c order by c.createdAt desc", ReviewCampaign.class).setMaxResults(200)
                .getResultList().stream().map(c -> progress(c, now)).toList();
    }

    public Progress campaign(long id) {
        ReviewCampaign campaign = em.find(ReviewCampaign.class, id);
        if (campaign == null) {
            throw SesameException.notFound("review", String.valueOf(id));
        }
        return progress(campaign, Instant.now());
    }

    private Progress progress(ReviewCampaign c, Instant now) {
        long total = em.createQuery("select count(i) from ReviewItem i where i.campaignId = :c", Long.class)
                .setParameter("c", c.getId()).getSingleResult();
        long decided = em.createQuery("select count(i) from ReviewItem i where i.campaignId = :c and i.decision <> :pending", Long.class)
                .setParameter("c", c.getId()).setParameter("pending", ReviewItem.Decision.PENDING).getSingleResult();
        return new Progress(c, total, decided, c.getStatus() == ReviewCampaign.Status.OPEN && decided < total && now.isAfter(c.getDueAt()));
    }

    public List<ReviewItem> items(long campaignId) {
        return em.createQuery("select i from ReviewItem i where i.campaignId = :c order by i.applicationId, i.keyId", ReviewItem.class)
                .setParameter("c", campaignId).getResultList();
    }

    /**
     * Records and carries out a decision. Only the campaign's reviewers (or an admin) decide, once per key; reduce
     * keeps only the permissions the key used in the campaign's period.
     */
    public ReviewItem decide(long itemId, ReviewItem.Decision decision, String comment, String username, boolean admin) {
        ReviewItem item = em.find(ReviewItem.class, itemId, LockModeType.PESSIMISTIC_WRITE);
        if (item == null) {
            throw SesameException.notFound("review item", String.valueOf(itemId));
        }
        ReviewCampaign campaign = em.find(ReviewCampaign.class, item.getCampaignId());
        if (campaign.getStatus() != ReviewCampaign.Status.OPEN) {
            throw SesameException.conflict("review_closed", "The review '" + campaign.getName() + "' is closed");
        }
        if (!admin && !campaign.isReviewer(username)) {
            throw new SesameException(ErrorKind.FORBIDDEN, "not_a_reviewer", "You are not a reviewer of '" + campaign.getName() + "'");
        }
        if (item.getDecision() != ReviewItem.Decision.PENDING) {
            throw SesameException.conflict("already_decided", "Key " + item.getKeyId() + " was already reviewed by " + item.getDecidedBy());
        }
        if (decision == null || decision == ReviewItem.Decision.PENDING) {
            throw SesameException.invalid("decision", "keep, reduce or revoke");
        }
        if (decision != ReviewItem.Decision.KEEP && (comment == null || comment.isBlank())) {
            throw SesameException.invalid("comment", "say why the key is reduced or revoked");
        }
        String actor = "portal:" + username;
        String detail = switch (decision) {
            case REDUCE -> {
                AccessPolicy policy = keys.get(item.getKeyId()).policy();
                AccessPolicy reduced = UnusedPermissions.reduceToUsed(policy, usedActions(item.getKeyId(),
                        campaign.getCreatedAt().minus(Duration.ofDays(campaign.getUnusedDays()))));
                if (reduced == null) {
                    throw SesameException.conflict("nothing_used", "Key " + item.getKeyId() + " used none of its permissions: revoke it instead");
                }
                if (reduced.permissions().equals(policy.permissions())) {
                    yield "reduce requested, but the key uses every permission it holds: policy unchanged";
                }
                keys.changePolicy(item.getKeyId(), reduced, review(actor, campaign));
                yield "reduced to " + Permission.actions(reduced.permissions());
            }
            case REVOKE -> {
                keys.revoke(item.getKeyId(), review(actor, campaign));
                yield "revoked";
            }
            default -> "kept";
        };
        item.decide(decision, comment == null ? null : comment.strip(), username, Instant.now());
        audit.record(actor, "review.decided", "api-key", item.getKeyId(), "review " + campaign.getId() + " '" + campaign.getName()
                + "': " + detail + (comment == null || comment.isBlank() ? "" : " — " + comment.strip()), null, null);
        return item;
    }

    public ReviewCampaign close(long id, Actor actor) {
        actor.require(Permission.MANAGE_KEYS);
        ReviewCampaign campaign = campaign(id).campaign();
        if (campaign.getStatus() == ReviewCampaign.Status.OPEN) {
            campaign.close(Instant.now());
            Progress p = progress(campaign, Instant.now());
            audit.record(actor.name(), "review.closed", "review", String.valueOf(id), "'" + campaign.getName() + "': " + p.decided() + " of "
                    + p.total() + " keys decided", null, null);
        }
        return campaign;
    }

    /** Open campaigns past their due date with undecided keys (the alert monitor raises one alert per campaign). */
    public List<Progress> overdue(Instant now) {
        return em.createQuery("select c from ReviewCampaign c where c.status = :open and c.dueAt < :now", ReviewCampaign.class)
                .setParameter("open", ReviewCampaign.Status.OPEN).setParameter("now", now).getResultList().stream()
                .map(c -> progress(c, now)).filter(Progress::overdue).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The review applies its own decisions: it can only reduce a key to what it used, or revoke it (never widen), so it
     * acts with the review's authority, under the reviewer's name.
     */
    private static Actor review(String reviewer, ReviewCampaign campaign) {
        return new Actor(reviewer + " (review " + campaign.getId() + ")", null, EnumSet.of(Permission.MANAGE_KEYS));
    }
}
