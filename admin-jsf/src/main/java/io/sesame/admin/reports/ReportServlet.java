package io.sesame.admin.reports;

import io.sesame.admin.platform.Messages;
import io.sesame.audit.control.CallEventFormat;
import io.sesame.report.boundary.ComplianceReport;
import io.sesame.report.boundary.Timeline;
import io.sesame.report.control.ComplianceCsv;
import io.sesame.report.control.ComplianceData;
import io.sesame.report.control.CompliancePdf;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Downloads: the compliance report as CSV or PDF for a period of UTC days (?from=2026-11-01&to=2026-11-30, both
 * inclusive), and an incident timeline as CSV. Every signed-in role may read them; each download is audited.
 */
@WebServlet({"/reports/compliance.csv", "/reports/compliance.pdf", "/reports/timeline.csv"})
@ServletSecurity(@HttpConstraint(rolesAllowed = {"admin", "reviewer", "auditor"}))
public class ReportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    ComplianceReport reports;

    @EJB
    Timeline timeline;

    @EJB
    ReportAudit reportAudit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        String actor = "portal:" + request.getUserPrincipal().getName();
        try {
            if (path.endsWith("timeline.csv")) {
                timeline(request, response, actor);
                return;
            }
            LocalDate from = day(request.getParameter("from"), "from");
            LocalDate to = day(request.getParameter("to"), "to");
            ComplianceData data = reports.build(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), actor);
            boolean pdf = path.endsWith(".pdf");
            reportAudit.downloaded(actor, "compliance report " + from + " to " + to + " (" + (pdf ? "PDF" : "CSV") + ")",
                    request.getRemoteAddr());
            response.setContentType(pdf ? "application/pdf" : "text/csv; charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"sesame-compliance-" + from + "-" + to + (pdf ? ".pdf\"" : ".csv\""));
            OutputStream out = response.getOutputStream();
            if (pdf) {
                CompliancePdf.write(data, out);
            } else {
                ComplianceCsv.write(data, out);
            }
        } catch (RuntimeException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, Messages.of(e));
        }
    }

    private void timeline(HttpServletRequest request, HttpServletResponse response, String actor) throws IOException {
        Timeline.Subject subject = Timeline.Subject.valueOf(String.valueOf(request.getParameter("subject")));
        Timeline.Result result = timeline.of(subject, request.getParameter("value"),
                TimelineView.instant("from", String.valueOf(request.getParameter("from"))),
                TimelineView.instant("to", String.valueOf(request.getParameter("to"))));
        reportAudit.downloaded(actor, "timeline of " + subject.name().toLowerCase() + " " + request.getParameter("value"),
                request.getRemoteAddr());
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"sesame-timeline.csv\"");
        StringBuilder s = new StringBuilder(CallEventFormat.csvLine("time", "type", "event id", "actor", "what", "outcome", "detail", "key", "ip"));
        for (Timeline.Entry e : result.entries()) {
            s.append(CallEventFormat.csvLine(e.at(), e.type(), e.eventId(), e.actor(), e.what(), e.outcome(), e.detail(), e.keyId(), e.ip()));
        }
        response.getOutputStream().write(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static LocalDate day(String text, String field) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a date such as 2026-11-30");
        }
    }
}
