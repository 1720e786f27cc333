package io.sesame.admin.reviews;

import io.sesame.admin.platform.Messages;
import io.sesame.admin.security.CurrentUser;
import io.sesame.review.boundary.ReviewService;
import io.sesame.review.entity.ReviewItem;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One review campaign: each key with the permissions it was granted, those it did not use (highlighted), and the
 * reviewer's decision — keep, reduce to what is used, or revoke — with a comment.
 */
@Named
@ViewScoped
public class ReviewView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ReviewService reviews;

    @EJB
    io.sesame.token.boundary.KeyService keys;

    @EJB
    io.sesame.federation.boundary.FederationService federation;

    @Inject
    CurrentUser user;

    private long id;
    private final Map<Long, String> comments = new HashMap<>();

    /**
     * For a trust policy's key, whom it trusts in one line (issuer, subject, claims): reviewers confirm the workloads as
     * they confirm permissions. Empty for an API key.
     */
    public String trust(String keyId) {
        io.sesame.federation.control.TrustRules rules = federation.rulesOfKey(keyId);
        return rules == null ? "" : rules.summary();
    }

    /** Whether the key opted in to coarse AWS credentials (shown to reviewers: a widening to confirm or take back). */
    public boolean coarseCredentials(String keyId) {
        try {
            return keys.get(keyId).policy().scope().allowsCoarseCredentials();
        } catch (RuntimeException gone) {
            return false;
        }
    }

    public ReviewService.Progress getProgress() {
        return reviews.campaign(id);
    }

    public List<ReviewItem> getItems() {
        return reviews.items(id);
    }

    public boolean isMayDecide() {
        ReviewService.Progress p = getProgress();
        return p.campaign().getStatus() == io.sesame.review.entity.ReviewCampaign.Status.OPEN
                && (user.isAdmin() || p.campaign().isReviewer(user.getName()));
    }

    public void decide(long itemId, String decision) {
        try {
            ReviewItem item = reviews.decide(itemId, ReviewItem.Decision.valueOf(decision), comments.get(itemId), user.getName(), user.isAdmin());
            Messages.info("Key " + item.getKeyId() + ": " + decision.toLowerCase() + ".");
            comments.remove(itemId);
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public void close() {
        user.requireAdmin();
        try {
            reviews.close(id, user.acting());
            Messages.info("Review closed.");
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public long getId() { return id; }
    public void setId(long id) { this.id = id; }
    public Map<Long, String> getComments() { return comments; }
}
