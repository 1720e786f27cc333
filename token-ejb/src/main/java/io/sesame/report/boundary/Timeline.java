package io.sesame.report.boundary;

import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.platform.control.SesameException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The incident timeline: everything one key, application or client address did (calls) and had done to it
 * (lifecycle events) in a window, interleaved in time order.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Timeline {

    public static final int MAX_ENTRIES = 5000;
    public static final Duration MAX_WINDOW = Duration.ofDays(31);

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    public enum Subject { KEY, APPLICATION, IP }

    /** One line of the timeline, whichever kind of event it came from. */
    public record Entry(Instant at, String type, long eventId, String actor, String what, String outcome, String detail,
                        String keyId, String ip) {
    }

    public record Result(List<Entry> entries, boolean truncated) {
    }

    public Result of(Subject subject, String value, Instant from, Instant to) {
        if (value == null || value.isBlank()) {
            throw SesameException.invalid("subject", "name a key id, application id or IP address");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw SesameException.invalid("from", "the window needs a start before its end");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw SesameException.invalid("to", "at most " + MAX_WINDOW.toDays() + " days per timeline");
        }
        String v = value.strip();
        String callFilter = switch (subject) {
            case KEY -> "e.keyId = :v";
            case APPLICATION -> "e.applicationId = :v";
            case IP -> "e.clientIp = :v";
        };
        List<Entry> entries = new ArrayList<>();
        List<CallEvent> calls = em.createQuery("select e from CallEvent e where " + callFilter + " and e.occurredAt >= :from "
                        + "and e.occurredAt < :to order by e.occurredAt, e.id", CallEvent.class)
                .setParameter("v", v).setParameter("from", from).setParameter("to", to).setMaxResults(MAX_ENTRIES + 1).getResultList();
        for (CallEvent e : calls) {
            entries.add(new Entry(e.getOccurredAt(), "call", e.getId(), e.getKeyId() == null ? "anonymous" : "key:" + e.getKeyId(),
                    e.getAction(), e.getDecision().name().toLowerCase(), callDetail(e), e.getKeyId(), e.getClientIp()));
        }
        String lifecycleFilter = switch (subject) {
            case KEY -> "e.targetId = :v";
            case APPLICATION -> "(e.targetId = :v or e.detail like :like)";
            case IP -> "e.sourceIp = :v";
        };
        var lifecycle = em.createQuery("select e from LifecycleEvent e where " + lifecycleFilter + " and e.occurredAt >= :from "
                        + "and e.occurredAt < :to order by e.occurredAt, e.id", LifecycleEvent.class)
                .setParameter("v", v).setParameter("from", from).setParameter("to", to);
        if (subject == Subject.APPLICATION) {
            lifecycle.setParameter("like", "%" + v + "%");
        }
        for (LifecycleEvent e : lifecycle.setMaxResults(MAX_ENTRIES + 1).getResultList()) {
            entries.add(new Entry(e.getOccurredAt(), "lifecycle", e.getId(), e.getActor(), e.getAction(), e.getTargetType()
                    + (e.getTargetId() == null ? "" : " " + e.getTargetId()), e.getDetail(),
                    "api-key".equals(e.getTargetType()) ? e.getTargetId() : null, e.getSourceIp()));
        }
        entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::type).thenComparingLong(Entry::eventId));
        boolean truncated = entries.size() > MAX_ENTRIES;
        return new Result(truncated ? List.copyOf(entries.subList(0, MAX_ENTRIES)) : entries, truncated);
    }

    private static String callDetail(CallEvent e) {
        StringBuilder s = new StringBuilder();
        if (e.getReasonCodes() != null) {
            s.append(e.getReasonCodes()).append(": ").append(e.getReasonDetail()).append(". ");
        }
        if (e.getFromAddress() != null) {
            s.append("from ").append(e.getFromAddress()).append(" to ").append(e.getRecipientCount()).append(" recipient(s) at ")
                    .append(e.getRecipientDomains()).append(". ");
        }
        if (e.getSesMessageId() != null) {
            s.append("SES message ").append(e.getSesMessageId()).append(". ");
        }
        if (e.getSesError() != null) {
            s.append("SES error ").append(e.getSesError()).append(". ");
        }
        return s.toString().strip();
    }
}
