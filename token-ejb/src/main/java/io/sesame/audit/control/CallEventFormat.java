package io.sesame.audit.control;

import io.sesame.audit.entity.CallEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.function.Function;

/** How call events are written out: JSON (API, JSON Lines export, SIEM log line) and CSV (RFC 4180). */
public final class CallEventFormat {

    private record Column(String name, Function<CallEvent, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("id", CallEvent::getId),
            new Column("occurredAt", CallEvent::getOccurredAt),
            new Column("requestId", CallEvent::getRequestId),
            new Column("applicationId", CallEvent::getApplicationId),
            new Column("keyId", CallEvent::getKeyId),
            new Column("jti", CallEvent::getJti),
            new Column("action", CallEvent::getAction),
            new Column("decision", e -> e.getDecision().name().toLowerCase(java.util.Locale.ROOT)),
            new Column("reasonCodes", CallEvent::getReasonCodes),
            new Column("reasonDetail", CallEvent::getReasonDetail),
            new Column("from", CallEvent::getFromAddress),
            new Column("recipientCount", CallEvent::getRecipientCount),
            new Column("recipientDomains", CallEvent::getRecipientDomains),
            new Column("recipients", CallEvent::getRecipients),
            new Column("template", CallEvent::getTemplate),
            new Column("configurationSet", CallEvent::getConfigurationSet),
            new Column("transport", CallEvent::getTransport),
            new Column("sesMessageId", CallEvent::getSesMessageId),
            new Column("sesError", CallEvent::getSesError),
            new Column("clientIp", CallEvent::getClientIp),
            new Column("userAgent", CallEvent::getUserAgent),
            new Column("latencyMs", CallEvent::getLatencyMs));

    private CallEventFormat() {
    }

    public static JsonObject json(CallEvent e) {
        JsonObjectBuilder out = Json.createObjectBuilder().add("type", "call");
        for (Column c : COLUMNS) {
            Object v = c.value().apply(e);
            if (v instanceof Number n) {
                out.add(c.name(), n.longValue());
            } else if (v != null) {
                out.add(c.name(), v.toString());
            }
        }
        return out.build();
    }

    public static String csvHeader() {
        return String.join(",", COLUMNS.stream().map(Column::name).toList()) + "\r\n";
    }

    public static String csvRow(CallEvent e) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            Object v = COLUMNS.get(i).value().apply(e);
            row.append(csv(v == null ? "" : v.toString()));
        }
        return row.append("\r\n").toString();
    }

    /** One CSV record (RFC 4180, CRLF) of the given cells, each quoted and defused as needed. */
    public static String csvLine(Object... cells) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(csv(cells[i] == null ? "" : cells[i].toString()));
        }
        return row.append("\r\n").toString();
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
    public static String csv(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
