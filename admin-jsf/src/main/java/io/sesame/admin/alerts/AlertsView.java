package io.sesame.admin.alerts;

import io.sesame.admin.platform.Messages;
import io.sesame.admin.security.CurrentUser;
import io.sesame.alert.boundary.AlertMonitor;
import io.sesame.alert.boundary.AlertService;
import io.sesame.alert.entity.Alert;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Alerts: open ones first, resolved on request; resolving is an admin's action and is audited. */
@Named
@RequestScoped
public class AlertsView {

    @EJB
    AlertService alerts;

    @EJB
    AlertMonitor monitor;

    @Inject
    CurrentUser user;

    private String status = "open";
    private List<Alert> items;

    public List<Alert> getItems() {
        if (items == null) {
            items = alerts.list("all".equals(status) ? null : status, null, 200);
        }
        return items;
    }

    public void resolve(long id) {
        user.requireAdmin();
        try {
            alerts.resolve(id, user.acting());
            monitor.refreshGauge();
            items = null;
            Messages.info("Alert " + id + " resolved.");
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status == null || status.isBlank() ? "open" : status; }
}
