package io.sesame.report.control;

import static io.sesame.audit.control.CallEventFormat.csvLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The compliance report as one CSV file of sections, each with its own header row (spreadsheet-safe cells), written
 * row by row as the sections hand their rows out (nothing is gathered in memory).
 */
public final class ComplianceCsv {

    private ComplianceCsv() {
    }

    public static void write(ComplianceData d, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        try {
            w.write(csvLine("Sesame compliance report", "from", d.from(), "to", d.to(), "generated", d.generatedAt(), "by", d.generatedBy()));
            w.write("\r\n");
            w.write(csvLine("# Keys", "max lifetime days", d.maxLifetimeDays()));
            w.write(csvLine("key", "name", "application", "owner", "status", "created", "expires", "age days", "rotation due",
                    "permissions", "scope", "last used", "trust policy"));
            d.keys().forEach(k -> line(w, csvLine(k.keyId(), k.name(), k.application(), k.owner(), k.status(), k.createdAt(),
                    k.expiresAt(), k.ageDays(), k.rotationDue(d.maxLifetimeDays()) ? "yes" : "no", k.permissions(), k.scope(),
                    k.lastUsedAt(), k.trust())));
            w.write("\r\n");
            w.write(csvLine("# Expiries in the period"));
            w.write(csvLine("key", "application", "expires", "status"));
            d.expiries().forEach(e -> line(w, csvLine(e.keyId(), e.application(), e.expiresAt(), e.status())));
            w.write("\r\n");
            w.write(csvLine("# Access reviews"));
            w.write(csvLine("campaign id", "campaign", "due", "campaign status", "key", "decision", "decided by", "decided at",
                    "comment", "unused permissions at start"));
            d.reviews().forEach(r -> line(w, csvLine(r.campaignId(), r.campaign(), r.dueAt(), r.campaignStatus(), r.keyId(),
                    r.decision(), r.decidedBy(), r.decidedAt(), r.comment(), r.unused())));
            w.write("\r\n");
            w.write(csvLine("# Revocations"));
            w.write(csvLine("time", "key", "by", "detail"));
            d.revocations().forEach(r -> line(w, csvLine(r.at(), r.keyId(), r.actor(), r.detail())));
            w.write("\r\n");
            w.write(csvLine("# Denied calls"));
            w.write(csvLine("key", "reason", "count"));
            d.denials().forEach(x -> line(w, csvLine(x.keyId(), x.reason(), x.count())));
            w.write("\r\n");
            w.write(csvLine("# Alerts raised"));
            w.write(csvLine("alert", "rule", "key", "status", "first seen", "occurrences", "summary"));
            d.alerts().forEach(a -> line(w, csvLine(a.id(), a.rule(), a.keyId(), a.status(), a.firstSeen(), a.occurrences(),
                    a.summary())));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
        out.flush();
    }

    private static void line(Writer w, String line) {
        try {
            w.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
