package io.sesame.admin.reports;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.admin.platform.Messages;
import io.sesame.audit.control.CallEventFormat;
import io.sesame.report.boundary.ComplianceReport;
import io.sesame.report.boundary.Timeline;
import jakarta.inject.Inject;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Downloads: the compliance report as CSV or PDF for a period of UTC days (?from=2026-11-01&to=2026-11-30, both
 * inclusive), and an incident timeline as CSV. Every signed-in role may read them; each download is audited.
 * The compliance report is written as it is read from the database (bounded memory for any period): the period is
 * checked before the first byte, so a refusal is still a 400.
 */
@WebServlet({"/reports/compliance.csv", "/reports/compliance.pdf", "/reports/timeline.csv"})
@ServletSecurity(@HttpConstraint(rolesAllowed = {"admin", "reviewer", "auditor"}))
public class ReportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ClientAddresses clientAddresses;

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
            Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            ComplianceReport.checkPeriod(start, end);
            boolean pdf = path.endsWith(".pdf");
            reportAudit.downloaded(actor, "compliance report " + from + " to " + to + " (" + (pdf ? "PDF" : "CSV") + ")",
                    clientAddresses.of(request));
            response.setContentType(pdf ? "application/pdf" : "text/csv; charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"sesame-compliance-" + from + "-" + to + (pdf ? ".pdf\"" : ".csv\""));
            reports.write(start, end, actor, pdf ? ComplianceReport.Format.PDF : ComplianceReport.Format.CSV, response.getOutputStream());
        } catch (RuntimeException e) {
            String message = Messages.of(e); // rethrows what is not a refusal
            if (response.isCommitted()) {
                throw e; // part of the download went out: it can only be cut short
            }
            response.reset(); // not the download's headers on the error
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, message);
        }
    }

    private void timeline(HttpServletRequest request, HttpServletResponse response, String actor) throws IOException {
        Timeline.Subject subject = Timeline.Subject.valueOf(String.valueOf(request.getParameter("subject")));
        Timeline.Result result = timeline.of(subject, request.getParameter("value"),
                TimelineView.instant("from", String.valueOf(request.getParameter("from"))),
                TimelineView.instant("to", String.valueOf(request.getParameter("to"))));
        reportAudit.downloaded(actor, "timeline of " + subject.name().toLowerCase() + " " + request.getParameter("value"),
                clientAddresses.of(request));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"sesame-timeline.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write(CallEventFormat.csvLine("time", "type", "event id", "actor", "what", "outcome", "detail", "key", "ip"));
        for (Timeline.Entry e : result.entries()) {
            out.write(CallEventFormat.csvLine(e.at(), e.type(), e.eventId(), e.actor(), e.what(), e.outcome(), e.detail(), e.keyId(), e.ip()));
        }
        out.flush();
    }

    private static LocalDate day(String text, String field) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a date such as 2026-11-30");
        }
    }
}
