package io.sesame.report.control;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * The compliance report as a PDF (OpenPDF): a summary, then one table per section, landscape A4. Streamed: the counts
 * come with the data up front, and each table is laid out in batches of rows as they are read (bounded memory).
 */
public final class CompliancePdf {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 8);
    private static final Font HEAD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
    private static final Font NOTE = FontFactory.getFont(FontFactory.HELVETICA, 9, Color.DARK_GRAY);
    /** Rows laid out and released at a time, per table. */
    static final int ROWS_PER_FLUSH = 200;

    private CompliancePdf() {
    }

    public static void write(ComplianceData d, OutputStream out) {
        Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Sesame compliance report " + time(d.from()) + " – " + time(d.to()));
            document.addCreator("Sesame");
            document.open();
            document.add(new Paragraph("Sesame compliance report", TITLE));
            document.add(new Paragraph("Period " + time(d.from()) + " to " + time(d.to()) + " (UTC). Generated " + time(d.generatedAt())
                    + " by " + d.generatedBy() + ".", NOTE));
            document.add(new Paragraph(d.keys().size() + " keys (" + d.rotationDue() + " past 80 % of the " + d.maxLifetimeDays()
                    + "-day maximum lifetime), " + d.expiries().size() + " expiries, " + d.reviews().size() + " review decisions, "
                    + d.revocations().size() + " revocations, " + d.deniedCalls() + " denied calls, " + d.alerts().size() + " alerts.", NOTE));

            section(document, "Keys and their policies", d.keys(), new float[] {9, 9, 10, 6, 9, 9, 4, 5, 20, 19},
                    List.of("Key", "Name", "Application", "Status", "Created", "Expires", "Age (d)", "Rotate", "Permissions", "Scope"),
                    k -> new Object[] {k.keyId(), k.name(), k.application() + " (" + k.owner() + ")", k.status(), time(k.createdAt()),
                            time(k.expiresAt()), k.ageDays(), k.rotationDue(d.maxLifetimeDays()) ? "due" : "", k.permissions(),
                            k.trust().isEmpty() ? k.scope() : k.scope() + "\ntrust policy: " + k.trust()});
            section(document, "Expiries in the period", d.expiries(), new float[] {20, 40, 20, 20},
                    List.of("Key", "Application", "Expires", "Status"),
                    e -> new Object[] {e.keyId(), e.application(), time(e.expiresAt()), e.status()});
            section(document, "Access reviews", d.reviews(), new float[] {14, 8, 10, 8, 10, 10, 20, 20},
                    List.of("Campaign", "Due", "Key", "Decision", "By", "At", "Comment", "Unused at start"),
                    r -> new Object[] {r.campaign() + " (" + r.campaignStatus() + ")", time(r.dueAt()), r.keyId(), r.decision(),
                            r.decidedBy(), time(r.decidedAt()), r.comment(), r.unused()});
            section(document, "Revocations", d.revocations(), new float[] {15, 15, 20, 50},
                    List.of("Time", "Key", "By", "Detail"), r -> new Object[] {time(r.at()), r.keyId(), r.actor(), r.detail()});
            section(document, "Denied calls", d.denials(), new float[] {30, 50, 20},
                    List.of("Key", "Reason", "Count"), x -> new Object[] {x.keyId(), x.reason(), x.count()});
            section(document, "Alerts raised", d.alerts(), new float[] {6, 14, 12, 8, 12, 6, 42},
                    List.of("Id", "Rule", "Key", "Status", "First seen", "Times", "Summary"),
                    a -> new Object[] {a.id(), a.rule(), a.keyId(), a.status(), time(a.firstSeen()), a.occurrences(), a.summary()});
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("the PDF could not be written", e);
        }
    }

    /**
     * One section's table, written as its rows come: the table is added to the document every {@link #ROWS_PER_FLUSH}
     * rows as an incomplete large table (OpenPDF lays those rows out and drops them), so memory holds one batch of rows
     * at a time, whatever the number of rows; the header row still repeats on every page.
     */
    private static <T> void section(Document document, String title, ComplianceData.Section<T> rows, float[] widths,
                                    List<String> headers, Function<T, Object[]> cells) throws DocumentException {
        Paragraph heading = new Paragraph(title + " (" + rows.size() + ")", HEADING);
        heading.setSpacingBefore(14);
        heading.setSpacingAfter(6);
        document.add(heading);
        if (rows.isEmpty()) {
            document.add(new Paragraph("None.", NOTE));
            return;
        }
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setComplete(false);
        for (String header : headers) {
            PdfPCell cell = new PdfPCell(new Phrase(header, HEAD));
            cell.setBackgroundColor(new Color(0xEA, 0xEE, 0xF2));
            cell.setPadding(4);
            table.addCell(cell);
        }
        int[] pending = {0};
        // OpenPDF's DocumentException is unchecked: it leaves the row callback as it is.
        rows.forEach(row -> {
            for (Object value : cells.apply(row)) {
                PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value.toString(), BODY));
                cell.setPadding(3);
                cell.setVerticalAlignment(Element.ALIGN_TOP);
                table.addCell(cell);
            }
            if (++pending[0] == ROWS_PER_FLUSH) {
                pending[0] = 0;
                document.add(table);
            }
        });
        table.setComplete(true);
        document.add(table);
        document.add(Chunk.NEWLINE);
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
