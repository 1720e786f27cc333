package io.sesame.admin.reports;

import io.sesame.audit.boundary.LifecycleAudit;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/** Records report downloads as lifecycle events (in a transaction of their own: the servlet has none). */
@Stateless
public class ReportAudit {

    @EJB
    LifecycleAudit audit;

    public void downloaded(String actor, String what, String sourceIp) {
        audit.record(actor, "report.downloaded", "report", null, what, sourceIp, null);
    }
}
