package io.sesame.admin.reports;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The compliance report's period (UTC days, end inclusive); the files come from {@link ReportServlet}. */
@Named
@ViewScoped
public class ReportsView implements Serializable {

    private static final long serialVersionUID = 1L;

    private String from = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
    private String to = LocalDate.now(ZoneOffset.UTC).toString();

    public String getQuery() {
        return "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    public void apply() {
        // the links below read the period; nothing else to do
    }

    public String getFrom() { return from; }
    public void setFrom(String v) { this.from = v == null ? "" : v.strip(); }
    public String getTo() { return to; }
    public void setTo(String v) { this.to = v == null ? "" : v.strip(); }
}
