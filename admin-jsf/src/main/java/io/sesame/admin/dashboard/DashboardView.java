package io.sesame.admin.dashboard;

import io.sesame.alert.entity.AlertKind;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.approval.entity.ApprovalRequest;
import io.sesame.report.boundary.Dashboard;
import io.sesame.review.boundary.ReviewService;
import io.sesame.review.entity.ReviewCampaign;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.time.Instant;

/** The dashboard: activity and reputation charts, top keys, keys needing attention, open alerts. */
@Named
@RequestScoped
public class DashboardView {

    static final int DAYS = 14;

    @jakarta.inject.Inject
    io.sesame.token.boundary.TokenSettings settings;

    @EJB
    Dashboard dashboard;

    @EJB
    ApprovalService approvals;

    @EJB
    ReviewService reviews;

    @EJB
    io.sesame.audit.boundary.AuditSearch audit;

    private Dashboard.Summary summary;

    @PostConstruct
    void load() {
        var attention = settings.keyAttention();
        summary = dashboard.summary(Instant.now(), DAYS, attention.expiringWithinDays(), attention.unusedForDays());
    }

    /** Keys reported leaked by a secret scanner in the last 30 days (newest first, at most 10): each was revoked or suspended. */
    public java.util.List<io.sesame.audit.entity.LifecycleEvent> getLeakReports() {
        if (leakReports == null) {
            leakReports = audit.search(io.sesame.audit.control.LifecycleQuery.parse(java.util.Map.of("action", "key.leak-reported",
                "from", Instant.now().minus(java.time.Duration.ofDays(30)).toString(), "limit", "10"))).items();
        }
        return leakReports;
    }

    private java.util.List<io.sesame.audit.entity.LifecycleEvent> leakReports;

    public Dashboard.Summary getSummary() {
        return summary;
    }

    public long getPendingApprovals() {
        return approvals.list(true).stream().filter(r -> r.getStatus() == ApprovalRequest.Status.PENDING).count();
    }

    /** Open review campaigns with keys still undecided. */
    public long getOpenReviews() {
        return reviews.campaigns().stream().filter(p -> p.campaign().getStatus() == ReviewCampaign.Status.OPEN && p.decided() < p.total()).count();
    }

    public long getCallsToday() {
        return summary.days().get(summary.days().size() - 1).calls();
    }

    public long getDenialsToday() {
        return summary.days().get(summary.days().size() - 1).denials();
    }

    /** Series for the activity chart, as JSON in a data attribute (no inline script: the CSP forbids it). */
    public String getActivityJson() {
        JsonArrayBuilder days = Json.createArrayBuilder();
        JsonArrayBuilder calls = Json.createArrayBuilder();
        JsonArrayBuilder sends = Json.createArrayBuilder();
        JsonArrayBuilder denials = Json.createArrayBuilder();
        JsonArrayBuilder deliveries = Json.createArrayBuilder();
        JsonArrayBuilder bounces = Json.createArrayBuilder();
        JsonArrayBuilder complaints = Json.createArrayBuilder();
        for (Dashboard.Day d : summary.days()) {
            days.add(d.date().toString().substring(5));
            calls.add(d.calls());
            sends.add(d.sends());
            denials.add(d.denials());
            deliveries.add(d.deliveries());
            bounces.add(d.bounces());
            complaints.add(d.complaints());
        }
        return Json.createObjectBuilder().add("days", days).add("calls", calls).add("sends", sends).add("denials", denials)
                .add("deliveries", deliveries).add("bounces", bounces).add("complaints", complaints).build().toString();
    }

    /** Bounce and complaint rates per day in percent, with the AWS review thresholds. */
    public String getReputationJson() {
        JsonArrayBuilder days = Json.createArrayBuilder();
        JsonArrayBuilder bounce = Json.createArrayBuilder();
        JsonArrayBuilder complaint = Json.createArrayBuilder();
        for (Dashboard.Day d : summary.days()) {
            days.add(d.date().toString().substring(5));
            if (d.bounceRate() == null) {
                bounce.addNull();
                complaint.addNull();
            } else {
                bounce.add(Math.round(d.bounceRate() * 10000) / 100.0);
                complaint.add(Math.round(d.complaintRate() * 100000) / 1000.0);
            }
        }
        return Json.createObjectBuilder().add("days", days).add("bounceRate", bounce).add("complaintRate", complaint)
                .add("bounceThreshold", AlertKind.BOUNCE_RATE.defaultThreshold() * 100)
                .add("complaintThreshold", AlertKind.COMPLAINT_RATE.defaultThreshold() * 100).build().toString();
    }
}
