package io.sesame.admin.reviews;

import io.sesame.admin.platform.Messages;
import io.sesame.admin.security.CurrentUser;
import io.sesame.review.boundary.ReviewService;
import io.sesame.token.boundary.ApplicationService;
import io.sesame.token.entity.Application;
import io.sesame.user.boundary.AdminAccounts;
import io.sesame.user.entity.AdminRole;
import io.sesame.user.entity.AdminUser;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Review campaigns: their progress, and starting a new one (admins). */
@Named
@ViewScoped
public class ReviewsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ReviewService reviews;

    @EJB
    ApplicationService applications;

    @EJB
    AdminAccounts accounts;

    @Inject
    CurrentUser user;

    private String name = "";
    private String applicationId = "";
    private String due = LocalDate.now(ZoneOffset.UTC).plusDays(14).toString();
    private String unusedDays = "30";
    private List<String> reviewers = new ArrayList<>();

    public List<ReviewService.Progress> getCampaigns() {
        return reviews.campaigns();
    }

    public List<Application> getApplications() {
        return applications.list();
    }

    public List<AdminUser> getPossibleReviewers() {
        return accounts.list().stream().filter(u -> u.isActive()
                && (u.getRoles().contains(AdminRole.admin) || u.getRoles().contains(AdminRole.reviewer))).toList();
    }

    public String start() {
        user.requireAdmin();
        try {
            LocalDate dueDate;
            try {
                dueDate = LocalDate.parse(due.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Due: a date such as 2026-12-31");
            }
            int days;
            try {
                days = Integer.parseInt(unusedDays.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Unused for: a whole number of days");
            }
            long id = reviews.create(name, applicationId, reviewers.stream().map(String::valueOf).toList(), days,
                    dueDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), user.acting()).getId();
            Messages.info("Review started.");
            Messages.keepForRedirect();
            return "review.xhtml?faces-redirect=true&id=" + id;
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
            return null;
        }
    }

    public String getName() { return name; }
    public void setName(String v) { this.name = v == null ? "" : v; }
    public String getApplicationId() { return applicationId; }
    public void setApplicationId(String v) { this.applicationId = v == null ? "" : v; }
    public String getDue() { return due; }
    public void setDue(String v) { this.due = v == null ? "" : v; }
    public String getUnusedDays() { return unusedDays; }
    public void setUnusedDays(String v) { this.unusedDays = v == null ? "" : v; }
    public List<String> getReviewers() { return reviewers; }
    public void setReviewers(List<String> v) { this.reviewers = v == null ? new ArrayList<>() : new ArrayList<>(v); }
}
