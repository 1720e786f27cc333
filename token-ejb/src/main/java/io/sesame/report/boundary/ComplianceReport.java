package io.sesame.report.boundary;

import io.sesame.alert.entity.Alert;
import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyJson;
import io.sesame.report.control.ComplianceCsv;
import io.sesame.report.control.ComplianceData.Section;
import io.sesame.report.control.ComplianceData;
import io.sesame.report.control.CompliancePdf;
import io.sesame.review.entity.ReviewCampaign;
import io.sesame.review.entity.ReviewItem;
import io.sesame.token.boundary.KeyService;
import io.sesame.token.boundary.TokenSettings;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the compliance report for a period from the key store, the reviews and the audit, as CSV or PDF, in
 * bounded memory whatever the period: each section is counted first (the PDF prints the counts before the rows),
 * then read through a streaming query ({@link #PAGE} rows per round trip, the persistence context cleared every
 * {@link #PAGE} rows) and written row by row. What is held whole is bounded by the number of applications (their
 * names) and by the 1,000 denial lines, which SQL aggregates per key and reason.
 * <p>
 * The counts and the rows are read in one transaction at READ COMMITTED: a row committed in between (a revocation
 * during the report, for a period that runs until now) can make a section's rows differ from its printed count.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ComplianceReport {

    static final Duration MAX_PERIOD = Duration.ofDays(400);
    /** Rows fetched per round trip while streaming a section, and between two clearings of the persistence context. */
    static final int PAGE = 500;
    static final int MAX_DENIAL_LINES = 1000;

    public enum Format { CSV, PDF }

    private static final String KEYS = " from ApiKey k where k.createdAt < :to and (k.revokedAt is null or k.revokedAt >= :from)";
    private static final String EXPIRIES = " from ApiKey k where k.expiresAt >= :from and k.expiresAt < :to";
    private static final String REVIEWS = " from ReviewCampaign c, ReviewItem i where i.campaignId = c.id and c.createdAt < :to "
            + "and (c.closedAt is null or c.closedAt >= :from)";
    private static final String REVOCATIONS = " from LifecycleEvent e where e.action in :actions and e.occurredAt >= :from "
            + "and e.occurredAt < :to";
    private static final List<String> REVOCATION_ACTIONS = List.of("key.revoked", "key.family-revoked", "token.revoked");
    private static final String ALERTS = " from Alert a where a.firstSeen >= :from and a.firstSeen < :to";

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @EJB
    io.sesame.federation.boundary.FederationService federation;

    @EJB
    KeyService keys;

    @Inject
    TokenSettings tokenSettings;

    /** Refuses a period that is empty, reversed or longer than {@link #MAX_PERIOD}: call before writing anything. */
    public static void checkPeriod(Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw SesameException.invalid("from", "the period needs a start before its end");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw SesameException.invalid("to", "at most " + MAX_PERIOD.toDays() + " days per report");
        }
    }

    /** Writes the report for [from, to) to {@code out} as it is read (one transaction, for the streaming queries). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void write(Instant from, Instant to, String generatedBy, Format format, OutputStream out) throws IOException {
        checkPeriod(from, to);
        ComplianceData data = data(from, to, generatedBy);
        if (format == Format.PDF) {
            CompliancePdf.write(data, out);
        } else {
            ComplianceCsv.write(data, out);
        }
    }

    /** The report's counts, and its sections as streaming queries (run when the writer reads them). */
    private ComplianceData data(Instant from, Instant to, String generatedBy) {
        Instant now = Instant.now();
        Instant ageAt = to.isBefore(now) ? to : now;
        int maxLifetimeDays = tokenSettings.keyMaxLifetimeDays();
        Map<String, Application> apps = em.createQuery("select a from Application a", Application.class).getResultList().stream()
                .collect(Collectors.toMap(Application::getId, Function.identity()));

        long keyCount = count("select count(k)" + KEYS, from, to).getSingleResult();
        long dueAgeDays = ComplianceData.KeyLine.rotationDueAgeDays(maxLifetimeDays);
        // ageDays >= n exactly when the key was created at least n whole days before ageAt (see KeyLine.rotationDue).
        long rotationDue = dueAgeDays == 0 ? keyCount
                : count("select count(k)" + KEYS + " and k.createdAt <= :dueBefore and k.credential = 'api-key'", from, to)
                        .setParameter("dueBefore", ageAt.minus(Duration.ofDays(dueAgeDays))).getSingleResult();
        Section<ComplianceData.KeyLine> keyLines = new Section<>(keyCount, sink -> stream(
                () -> inPeriod("select k" + KEYS + " order by k.applicationId, k.createdAt, k.id", ApiKey.class, from, to),
                k -> sink.accept(keyLine(k, apps, ageAt))));

        Section<ComplianceData.Expiry> expiries = new Section<>(count("select count(k)" + EXPIRIES, from, to).getSingleResult(),
                sink -> stream(() -> inPeriod("select k" + EXPIRIES + " order by k.expiresAt, k.id", ApiKey.class, from, to),
                        k -> sink.accept(new ComplianceData.Expiry(k.getId(), apps.containsKey(k.getApplicationId())
                                ? apps.get(k.getApplicationId()).getName() : k.getApplicationId(), k.getExpiresAt(),
                                k.getStatus().name().toLowerCase()))));

        Section<ComplianceData.ReviewLine> reviews = new Section<>(count("select count(i)" + REVIEWS, from, to).getSingleResult(),
                sink -> stream(() -> inPeriod("select c, i" + REVIEWS + " order by c.createdAt, c.id, i.keyId, i.id", Object[].class,
                        from, to), row -> sink.accept(reviewLine((ReviewCampaign) row[0], (ReviewItem) row[1]))));

        Section<ComplianceData.Revocation> revocations = new Section<>(
                count("select count(e)" + REVOCATIONS, from, to).setParameter("actions", REVOCATION_ACTIONS).getSingleResult(),
                sink -> stream(() -> inPeriod("select e" + REVOCATIONS + " order by e.occurredAt, e.id", LifecycleEvent.class, from, to)
                                .setParameter("actions", REVOCATION_ACTIONS),
                        e -> sink.accept(new ComplianceData.Revocation(e.getOccurredAt(), e.getTargetId(), e.getActor(), e.getDetail()))));

        // Aggregated in SQL: one line per key and reasons, the largest first (at most MAX_DENIAL_LINES).
        List<ComplianceData.DenialLine> denialLines = em.createQuery("select e.keyId, e.reasonCodes, count(e) from CallEvent e "
                        + "where e.decision = :denied and e.occurredAt >= :from and e.occurredAt < :to group by e.keyId, e.reasonCodes "
                        + "order by count(e) desc", Object[].class)
                .setParameter("denied", CallEvent.Decision.DENIED).setParameter("from", from).setParameter("to", to)
                .setMaxResults(MAX_DENIAL_LINES).getResultList().stream()
                .map(r -> new ComplianceData.DenialLine((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
        long deniedCalls = denialLines.stream().mapToLong(ComplianceData.DenialLine::count).sum();

        Section<ComplianceData.AlertLine> alerts = new Section<>(count("select count(a)" + ALERTS, from, to).getSingleResult(),
                sink -> stream(() -> inPeriod("select a" + ALERTS + " order by a.firstSeen, a.id", Alert.class, from, to),
                        a -> sink.accept(new ComplianceData.AlertLine(a.getId(), a.getKind().code(), a.getKeyId(),
                                a.getStatus().name().toLowerCase(), a.getFirstSeen(), a.getOccurrences(), a.getSummary()))));

        return new ComplianceData(from, to, now, generatedBy, maxLifetimeDays, rotationDue, deniedCalls, keyLines, expiries,
                reviews, revocations, Section.of(denialLines), alerts);
    }

    /** A trust policy's conditions in one line; empty for an API key. */
    private String trust(ApiKey k) {
        if (!k.isFederated()) {
            return "";
        }
        io.sesame.federation.control.TrustRules rules = federation.rulesOfKey(k.getId());
        return rules == null ? "(conditions missing)" : rules.summary();
    }

    private ComplianceData.KeyLine keyLine(ApiKey k, Map<String, Application> apps, Instant ageAt) {
        var policy = keys.get(k.getId()).policy();
        Application app = apps.get(k.getApplicationId());
        return new ComplianceData.KeyLine(k.getId(), k.getName(), app == null ? k.getApplicationId() : app.getName(),
                app == null ? "" : app.getOwner(), k.getStatus().name().toLowerCase(), k.getCreatedAt(), k.getExpiresAt(),
                Math.max(0, Duration.between(k.getCreatedAt(), ageAt).toDays()), Permission.actions(policy.permissions()),
                PolicyJson.scopeToJson(policy.scope()).toString(), k.getLastUsedAt(), trust(k));
    }

    private static ComplianceData.ReviewLine reviewLine(ReviewCampaign c, ReviewItem i) {
        return new ComplianceData.ReviewLine(c.getId(), c.getName(), c.getDueAt(), c.getStatus().name().toLowerCase(),
                i.getKeyId(), i.getDecision().name().toLowerCase(), i.getDecidedBy(), i.getDecidedAt(), i.getComment(),
                String.join(" ", i.getUnusedActions()));
    }

    private TypedQuery<Long> count(String jpql, Instant from, Instant to) {
        return inPeriod(jpql, Long.class, from, to);
    }

    private <E> TypedQuery<E> inPeriod(String jpql, Class<E> type, Instant from, Instant to) {
        return em.createQuery(jpql, type).setParameter("from", from).setParameter("to", to);
    }

    /**
     * Runs the query as a stream (a database cursor: PAGE rows per round trip, read-only entities), hands each row to
     * {@code each}, and clears the persistence context every PAGE rows so that it does not grow with the period.
     */
    private <E> void stream(Supplier<TypedQuery<E>> query, Consumer<E> each) {
        try (Stream<E> rows = query.get()
                .setHint("org.hibernate.fetchSize", PAGE)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream()) {
            long count = 0;
            for (Iterator<E> it = rows.iterator(); it.hasNext(); ) {
                each.accept(it.next());
                if (++count % PAGE == 0) {
                    em.clear();
                }
            }
        }
    }
}
