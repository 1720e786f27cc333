package io.sesame.report.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.report.control.ComplianceData.Section;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ComplianceWritersTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant AT = Instant.parse("2026-11-15T10:30:00Z");

    private static ComplianceData data(Section<ComplianceData.Revocation> revocations) {
        ComplianceData.KeyLine key = new ComplianceData.KeyLine("k1", "mailer", "shop", "ops@example.com", "active", AT, TO, 300,
                "ses:SendEmail", "{}", null);
        ComplianceData.KeyLine trust = new ComplianceData.KeyLine("k2", "deploy", "shop", "ops@example.com", "active", AT, TO, 300,
                "ses:SendEmail", "{}", null, "https://token.actions.githubusercontent.com · subject repo:acme/x:*");
        return new ComplianceData(FROM, TO, AT, "portal:alice", 365, 1, 7,
                Section.of(List.of(key, trust)),
                Section.of(List.of(new ComplianceData.Expiry("k1", "shop", TO, "active"))),
                Section.of(List.of()),
                revocations,
                Section.of(List.of(new ComplianceData.DenialLine("k1", "FROM_NOT_ALLOWED", 7))),
                Section.of(List.of(new ComplianceData.AlertLine(3, "bounce-rate", "k1", "open", AT, 2, "=too many, bounces"))));
    }

    /** A section that makes its rows as they are read, as the boundary's streaming queries do, and counts the reads. */
    private static Section<ComplianceData.Revocation> generated(long rows, AtomicLong handedOut) {
        return new Section<>(rows, sink -> {
            for (long i = 0; i < rows; i++) {
                handedOut.incrementAndGet();
                sink.accept(new ComplianceData.Revocation(AT.plusSeconds(i), "k" + i, "portal:alice", "revoked " + i));
            }
        });
    }

    @Test
    void the_csv_is_written_section_by_section() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplianceCsv.write(data(Section.of(List.of(new ComplianceData.Revocation(AT, "k1", "portal:alice", "lost laptop")))), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\r\n",
                "Sesame compliance report,from,2026-11-01T00:00:00Z,to,2026-12-01T00:00:00Z,generated,2026-11-15T10:30:00Z,by,portal:alice",
                "",
                "# Keys,max lifetime days,365",
                "key,name,application,owner,status,created,expires,age days,rotation due,permissions,scope,last used,trust policy",
                "k1,mailer,shop,ops@example.com,active,2026-11-15T10:30:00Z,2026-12-01T00:00:00Z,300,yes,ses:SendEmail,{},,",
                // a trust policy has no secret: never due for rotation, whatever its age
                "k2,deploy,shop,ops@example.com,active,2026-11-15T10:30:00Z,2026-12-01T00:00:00Z,300,no,ses:SendEmail,{},,"
                        + "https://token.actions.githubusercontent.com · subject repo:acme/x:*",
                "",
                "# Expiries in the period",
                "key,application,expires,status",
                "k1,shop,2026-12-01T00:00:00Z,active",
                "",
                "# Access reviews",
                "campaign id,campaign,due,campaign status,key,decision,decided by,decided at,comment,unused permissions at start",
                "",
                "# Revocations",
                "time,key,by,detail",
                "2026-11-15T10:30:00Z,k1,portal:alice,lost laptop",
                "",
                "# Denied calls",
                "key,reason,count",
                "k1,FROM_NOT_ALLOWED,7",
                "",
                "# Alerts raised",
                "alert,rule,key,status,first seen,occurrences,summary",
                "3,bounce-rate,k1,open,2026-11-15T10:30:00Z,2,\"'=too many, bounces\"",
                ""));
    }

    @Test
    void a_large_section_streams_into_the_csv() throws IOException {
        AtomicLong handedOut = new AtomicLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplianceCsv.write(data(generated(20_000, handedOut)), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(handedOut.get()).as("each row read once").isEqualTo(20_000);
        assertThat(csv).contains("\r\n2026-11-15T10:30:00Z,k0,portal:alice,revoked 0\r\n")
                .contains(",k19999,portal:alice,revoked 19999\r\n");
    }

    @Test
    void the_pdf_lays_out_a_large_section_in_batches() {
        AtomicLong handedOut = new AtomicLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompliancePdf.write(data(generated(CompliancePdf.ROWS_PER_FLUSH * 5 + 7, handedOut)), out);
        byte[] pdf = out.toByteArray();
        assertThat(handedOut.get()).isEqualTo(CompliancePdf.ROWS_PER_FLUSH * 5 + 7);
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1).strip()).endsWith("%%EOF");
    }

    @Test
    void an_empty_section_reads_no_rows() {
        AtomicLong handedOut = new AtomicLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompliancePdf.write(data(generated(0, handedOut)), out);
        assertThat(handedOut.get()).isZero();
        assertThat(out.size()).isPositive();
    }

    @Test
    void the_rotation_age_matches_the_rule() {
        for (int max : new int[] {0, 1, 2, 7, 10, 90, 365, 366}) {
            long due = ComplianceData.KeyLine.rotationDueAgeDays(max);
            for (long age = 0; age <= max + 2L; age++) {
                ComplianceData.KeyLine line = new ComplianceData.KeyLine("k", "n", "a", "o", "active", AT, TO, age, "", "{}", null);
                assertThat(line.rotationDue(max)).as("max %d, age %d", max, age).isEqualTo(age >= due);
            }
        }
    }
}
