package io.sesame.admin.audit;

import io.sesame.audit.boundary.AuditSearch;
import io.sesame.audit.control.CallQuery;
import io.sesame.audit.entity.CallEvent;
import io.sesame.admin.platform.Messages;
import io.sesame.policy.control.ReasonCode;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Audit search in the portal: the API's filters, keyset pages forward and back, and a CSV download of the result. */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AuditSearch search;

    private String key = "";
    private String application = "";
    private String decision = "";
    private String reason = "";
    private String ip = "";
    private String messageId = "";
    private String from = "";
    private String to = "";
    private List<CallEvent> results = List.of();
    private String next;
    private final Deque<String> previous = new ArrayDeque<>();
    private String current;
    private boolean searched;

    /** Filters from the URL (e.g. a link from a key's page) run the search right away. */
    public void load() {
        if (!searched && !key.isEmpty()) {
            search();
        }
    }

    public void search() {
        previous.clear();
        current = null;
        run(null);
    }

    public void nextPage() {
        if (next != null) {
            previous.push(current == null ? "" : current);
            run(next);
        }
    }

    public void previousPage() {
        if (!previous.isEmpty()) {
            String cursor = previous.pop();
            run(cursor.isEmpty() ? null : cursor);
        }
    }

    private void run(String cursor) {
        try {
            Map<String, String> params = filters();
            params.put("limit", "50");
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            AuditSearch.Page page = search.search(CallQuery.parse(params));
            results = page.items();
            next = page.next();
            current = cursor;
            searched = true;
        } catch (IllegalArgumentException e) {
            Messages.error(e.getMessage());
        }
    }

    private Map<String, String> filters() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "key", key);
        put(params, "application", application);
        put(params, "decision", decision);
        put(params, "reason", reason);
        put(params, "ip", ip);
        put(params, "messageId", messageId);
        put(params, "from", from);
        put(params, "to", to);
        return params;
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.put(name, value.strip());
        }
    }

    /** The CSV download of the current filters (streamed by {@link AuditExportServlet}). */
    public String getExportQuery() {
        return filters().entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public List<String> getReasonCodes() {
        return Arrays.stream(ReasonCode.values()).map(ReasonCode::code).sorted().toList();
    }

    public boolean isHasPrevious() { return !previous.isEmpty(); }
    public boolean isSearched() { return searched; }
    public List<CallEvent> getResults() { return results; }
    public String getNext() { return next; }
    public String getKey() { return key; }
    public void setKey(String v) { this.key = v == null ? "" : v; }
    public String getApplication() { return application; }
    public void setApplication(String v) { this.application = v == null ? "" : v; }
    public String getDecision() { return decision; }
    public void setDecision(String v) { this.decision = v == null ? "" : v; }
    public String getReason() { return reason; }
    public void setReason(String v) { this.reason = v == null ? "" : v; }
    public String getIp() { return ip; }
    public void setIp(String v) { this.ip = v == null ? "" : v; }
    public String getMessageId() { return messageId; }
    public void setMessageId(String v) { this.messageId = v == null ? "" : v; }
    public String getFrom() { return from; }
    public void setFrom(String v) { this.from = v == null ? "" : v; }
    public String getTo() { return to; }
    public void setTo(String v) { this.to = v == null ? "" : v; }
}
