package io.sesame.report.control;

import static io.sesame.audit.control.CallEventFormat.csvLine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The compliance report as one CSV file of sections, each with its own header row (spreadsheet-safe cells). */
public final class ComplianceCsv {

    private ComplianceCsv() {
    }

    public static void write(ComplianceData d, OutputStream out) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(csvLine("Sesame compliance report", "from", d.from(), "to", d.to(), "generated", d.generatedAt(), "by", d.generatedBy()));
        s.append("\r\n").append(csvLine("# Keys", "max lifetime days", d.maxLifetimeDays()));
        s.append(csvLine("key", "name", "application", "owner", "status", "created", "expires", "age days", "rotation due",
                "permissions", "scope", "last used"));
        for (ComplianceData.KeyLine k : d.keys()) {
            s.append(csvLine(k.keyId(), k.name(), k.application(), k.owner(), k.status(), k.createdAt(), k.expiresAt(), k.ageDays(),
                    k.rotationDue(d.maxLifetimeDays()) ? "yes" : "no", k.permissions(), k.scope(), k.lastUsedAt()));
        }
        s.append("\r\n").append(csvLine("# Expiries in the period"));
        s.append(csvLine("key", "application", "expires", "status"));
        d.expiries().forEach(e -> s.append(csvLine(e.keyId(), e.application(), e.expiresAt(), e.status())));
        s.append("\r\n").append(csvLine("# Access reviews"));
        s.append(csvLine("campaign id", "campaign", "due", "campaign status", "key", "decision", "decided by", "decided at",
                "comment", "unused permissions at start"));
        d.reviews().forEach(r -> s.append(csvLine(r.campaignId(), r.campaign(), r.dueAt(), r.campaignStatus(), r.keyId(), r.decision(),
                r.decidedBy(), r.decidedAt(), r.comment(), r.unused())));
        s.append("\r\n").append(csvLine("# Revocations"));
        s.append(csvLine("time", "key", "by", "detail"));
        d.revocations().forEach(r -> s.append(csvLine(r.at(), r.keyId(), r.actor(), r.detail())));
        s.append("\r\n").append(csvLine("# Denied calls"));
        s.append(csvLine("key", "reason", "count"));
        d.denials().forEach(x -> s.append(csvLine(x.keyId(), x.reason(), x.count())));
        s.append("\r\n").append(csvLine("# Alerts raised"));
        s.append(csvLine("alert", "rule", "key", "status", "first seen", "occurrences", "summary"));
        d.alerts().forEach(a -> s.append(csvLine(a.id(), a.rule(), a.keyId(), a.status(), a.firstSeen(), a.occurrences(), a.summary())));
        out.write(s.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
