package io.sesame.audit.boundary;

import io.sesame.audit.control.CallEventFormat;
import io.sesame.audit.control.CallQuery;
import io.sesame.audit.control.LifecycleQuery;
import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Searches the call events (newest first, keyset pagination over (occurred_at, id), which the indexes on
 * (key_id, occurred_at), (application_id, occurred_at) and (occurred_at) serve) and streams exports without
 * building them in memory.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditSearch {

    /** Rows fetched per round trip while streaming an export. */
    static final int EXPORT_FETCH_SIZE = 500;

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    /** One page of results and the cursor for the next (null on the last page). */
    public record Page(List<CallEvent> items, String next) {
    }

    public Page search(CallQuery query) {
        List<CallEvent> rows = typed(query).setMaxResults(query.limit() + 1).getResultList();
        List<CallEvent> items = firstPage(rows, query.limit());
        return new Page(items, rows.size() > query.limit()
                ? cursorAfter(items.get(items.size() - 1).getOccurredAt(), items.get(items.size() - 1).getId()) : null);
    }

    /** Writes every matching event as CSV or JSON Lines, row by row. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public long export(CallQuery query, boolean csv, OutputStream out) {
        long count = 0;
        try (Stream<CallEvent> rows = typed(query.unpaged())
                .setHint("org.hibernate.fetchSize", EXPORT_FETCH_SIZE)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream()) {
            if (csv) {
                out.write(CallEventFormat.csvHeader().getBytes(StandardCharsets.UTF_8));
            }
            for (CallEvent e : (Iterable<CallEvent>) rows::iterator) {
                String line = csv ? CallEventFormat.csvRow(e) : CallEventFormat.json(e).toString() + "\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
                if (++count % EXPORT_FETCH_SIZE == 0) {
                    em.clear(); // keep the persistence context from growing with the export
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /** One page of lifecycle events, newest first, and the cursor for the next (null on the last page). */
    public record LifecyclePage(List<LifecycleEvent> items, String next) {
    }

    public LifecyclePage search(LifecycleQuery q) {
        StringBuilder jpql = new StringBuilder("select e from LifecycleEvent e where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        // a principal matches whatever reason is recorded beside it ("portal:ann (approving request 7 …)")
        filter(jpql, params, "(e.actor = :actor or e.actor like :actorWithReason escape '!')", "actor", q.actor());
        if (q.actor() != null) {
            params.put("actorWithReason", q.actor().replace("!", "!!").replace("%", "!%").replace("_", "!_") + " (%");
        }
        filter(jpql, params, "e.action = :action", "action", q.action());
        filter(jpql, params, "e.targetType = :targetType", "targetType", q.targetType());
        filter(jpql, params, "e.targetId = :targetId", "targetId", q.targetId());
        filter(jpql, params, "e.sourceIp = :ip", "ip", q.sourceIp());
        filter(jpql, params, "e.occurredAt >= :from", "from", q.from());
        filter(jpql, params, "e.occurredAt < :to", "to", q.to());
        List<LifecycleEvent> rows = newestFirst(jpql, params, q.after(), LifecycleEvent.class).setMaxResults(q.limit() + 1)
                .getResultList();
        List<LifecycleEvent> items = firstPage(rows, q.limit());
        return new LifecyclePage(items, rows.size() > q.limit()
                ? cursorAfter(items.get(items.size() - 1).getOccurredAt(), items.get(items.size() - 1).getId()) : null);
    }

    private TypedQuery<CallEvent> typed(CallQuery q) {
        StringBuilder jpql = new StringBuilder("select e from CallEvent e where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        filter(jpql, params, "e.applicationId = :application", "application", q.applicationId());
        filter(jpql, params, "e.keyId = :key", "key", q.keyId());
        filter(jpql, params, "e.action = :action", "action", q.action());
        filter(jpql, params, "e.decision = :decision", "decision", q.decision());
        filter(jpql, params, "e.reasonCodes like :reason", "reason", q.reasonCode() == null ? null : "%" + q.reasonCode() + "%");
        filter(jpql, params, "e.clientIp = :ip", "ip", q.clientIp());
        filter(jpql, params, "e.sesMessageId = :messageId", "messageId", q.sesMessageId());
        filter(jpql, params, "e.occurredAt >= :from", "from", q.from());
        filter(jpql, params, "e.occurredAt < :to", "to", q.to());
        return newestFirst(jpql, params, q.after(), CallEvent.class);
    }

    /** Keyset pagination over (occurred_at, id), newest first: the rows after the cursor, never an OFFSET. */
    private <T> TypedQuery<T> newestFirst(StringBuilder jpql, Map<String, Object> params, CallQuery.Cursor after, Class<T> type) {
        if (after != null) {
            jpql.append(" and (e.occurredAt < :afterTime or (e.occurredAt = :afterTime and e.id < :afterId))");
            params.put("afterTime", after.occurredAt());
            params.put("afterId", after.id());
        }
        jpql.append(" order by e.occurredAt desc, e.id desc");
        TypedQuery<T> query = em.createQuery(jpql.toString(), type);
        params.forEach(query::setParameter);
        return query;
    }

    /** The page out of limit + 1 rows (the extra row only tells that there is a next page). */
    private static <T> List<T> firstPage(List<T> rows, int limit) {
        return rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }

    private static String cursorAfter(java.time.Instant occurredAt, long id) {
        return new CallQuery.Cursor(occurredAt, id).encode();
    }

    private static void filter(StringBuilder jpql, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            jpql.append(" and ").append(clause);
            params.put(name, value);
        }
    }
}
