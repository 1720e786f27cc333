package io.sesame.alert.boundary;

import io.sesame.alert.control.AlertRule;
import io.sesame.alert.control.VolumeBaseline;
import io.sesame.alert.entity.AlertKind;
import io.sesame.audit.entity.CallEvent;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.platform.boundary.JobLeases;
import io.sesame.policy.control.ReasonCode;
import io.sesame.review.boundary.ReviewService;
import io.sesame.token.entity.ApiKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Watches recent activity every sesame.alerts.interval-seconds: request, denial and recipient volumes per key,
 * first use of a key from a new address, volume against the key's own baseline, and the lifecycle findings
 * (rotated-key reuse, expiry warnings, unused keys). Each observation goes to {@link AlertService#raise}, which
 * applies the rule in force; then due notifications go out. Reads the audit only: sending never waits on it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertMonitor {

    /**
     * Refusals anyone can cause knowing only a key's public id (a wrong secret, a signature that does not verify) are
     * kept out of every rule that counts a key's calls or addresses, so that they cannot trip an alert or its
     * auto-suspension; they stay in the audit.
     */
    static final List<String> UNPROVEN = ReasonCode.unprovenCodes();
    private static final String PROVEN = "(e.reasonCodes is null or e.reasonCodes not in :unproven)";


    private static final Logger LOG = Logger.getLogger(AlertMonitor.class.getName());
    static final Duration NEW_IP_MEMORY = Duration.ofDays(30);
    static final int BASELINE_DAYS = 7;

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    AlertSettings alertSettings;

    @EJB
    AlertService alerts;

    @EJB
    AlertDispatcher dispatcher;

    @EJB
    ReviewService reviews;

    @Resource
    TimerService timers;

    @Inject
    Instance<MetricRegistry> metrics;

    private final AtomicLong openAlerts = new AtomicLong();
    private volatile Instant lastPass;
    private volatile long lifecycleSeen = -1;
    private final Object passLock = new Object();

    @PostConstruct
    void start() {
        long interval = alertSettings.alertInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("sesame-alert-monitor", false));
        if (metrics.isResolvable()) {
            metrics.get().gauge("sesame_alerts_open", openAlerts, AtomicLong::get);
        }
    }

    @EJB
    JobLeases leases;

    /** One instance evaluates and notifies (the lease), every instance keeps its gauge current. */
    @Timeout
    void tick() {
        try {
            if (!leases.holds("alert-monitor", alertSettings.alertInterval().multipliedBy(3))) {
                openAlerts.set(alerts.openCount());
                return;
            }
            pass(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert monitoring pass failed; trying again at the next interval", e);
        }
    }

    /** One pass over the activity since the last one; returns the signals observed (for operators and tests). */
    public List<AlertService.Signal> pass(Instant now) {
        synchronized (passLock) {
            Instant since = lastPass == null ? now.minus(alertSettings.alertInterval().multipliedBy(2)) : lastPass;
            List<AlertService.Signal> signals = new ArrayList<>();
            perMinute(now, signals);
            recipientsToday(now, signals);
            newSourceIps(since, now, signals);
            baseline(now, signals);
            lifecycleFindings(signals);
            overdueReviews(now, signals);
            List<AlertRule> overrides = alerts.overrides();
            for (AlertService.Signal signal : signals) {
                AlertRule rule = AlertRule.effective(signal.kind(), signal.applicationId(), signal.keyId(), overrides);
                if (!rule.enabled() || !signal.kind().crossed(signal.observed(), rule.threshold())) {
                    continue; // most observations are normal: no transaction for them
                }
                try {
                    alerts.raise(signal, overrides);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "alert " + signal.kind() + " for " + signal.keyId() + " deferred (opened concurrently?)", e);
                }
            }
            lastPass = now;
            dispatcher.dispatchDue();
            openAlerts.set(alerts.openCount());
            return signals;
        }
    }

    private void perMinute(Instant now, List<AlertService.Signal> signals) {
        Instant minuteAgo = now.minus(Duration.ofMinutes(1));
        for (Object[] row : em.createQuery("select e.keyId, e.applicationId, count(e), "
                        + "sum(case when e.decision = :denied then 1 else 0 end) from CallEvent e "
                        + "where e.occurredAt >= :since and e.keyId is not null "
                        + "and " + PROVEN + " group by e.keyId, e.applicationId", Object[].class)
                .setParameter("denied", CallEvent.Decision.DENIED).setParameter("since", minuteAgo)
                .setParameter("unproven", UNPROVEN).getResultList()) {
            String key = (String) row[0];
            String app = (String) row[1];
            long calls = ((Number) row[2]).longValue();
            long denials = ((Number) row[3]).longValue();
            signals.add(new AlertService.Signal(AlertKind.REQUESTS_PER_MINUTE, key, app, calls,
                    calls + " calls in the last minute"));
            if (denials > 0) {
                signals.add(new AlertService.Signal(AlertKind.DENIALS_PER_MINUTE, key, app, denials,
                        denials + " denied calls in the last minute"));
            }
        }
    }

    private void recipientsToday(Instant now, List<AlertService.Signal> signals) {
        for (Object[] row : em.createQuery("select e.keyId, e.applicationId, sum(e.recipientCount) from CallEvent e "
                        + "where e.occurredAt >= :day and e.decision = :allowed and e.keyId is not null "
                        + "group by e.keyId, e.applicationId", Object[].class)
                .setParameter("day", now.truncatedTo(ChronoUnit.DAYS)).setParameter("allowed", CallEvent.Decision.ALLOWED)
                .getResultList()) {
            long recipients = row[2] == null ? 0 : ((Number) row[2]).longValue();
            signals.add(new AlertService.Signal(AlertKind.RECIPIENTS_PER_DAY, (String) row[0], (String) row[1], recipients,
                    recipients + " recipients since 00:00 UTC"));
        }
    }

    /** An address a key has not used in 30 days, for a key that has been used before (first use is not news). */
    private void newSourceIps(Instant since, Instant now, List<AlertService.Signal> signals) {
        for (Object[] row : em.createQuery("select distinct e.keyId, e.applicationId, e.clientIp from CallEvent e "
                        + "where e.occurredAt >= :since and e.occurredAt < :now and e.keyId is not null and e.clientIp is not null "
                        + "and " + PROVEN, Object[].class)
                .setParameter("since", since).setParameter("now", now).setParameter("unproven", UNPROVEN).getResultList()) {
            String key = (String) row[0];
            String ip = (String) row[2];
            Instant memory = since.minus(NEW_IP_MEMORY);
            long fromThisIp = em.createQuery("select count(e) from CallEvent e where e.keyId = :key and e.clientIp = :ip "
                            + "and e.occurredAt >= :memory and e.occurredAt < :since", Long.class)
                    .setParameter("key", key).setParameter("ip", ip).setParameter("memory", memory).setParameter("since", since)
                    .getSingleResult();
            if (fromThisIp > 0) {
                continue;
            }
            long earlier = em.createQuery("select count(e) from CallEvent e where e.keyId = :key "
                            + "and e.occurredAt >= :memory and e.occurredAt < :since", Long.class)
                    .setParameter("key", key).setParameter("memory", memory).setParameter("since", since).setMaxResults(1)
                    .getSingleResult();
            if (earlier > 0) {
                signals.add(new AlertService.Signal(AlertKind.NEW_SOURCE_IP, key, (String) row[1], 1,
                        "first call from " + ip + " in " + NEW_IP_MEMORY.toDays() + " days"));
            }
        }
    }

    /** Calls this hour against the median of the same hour over the previous 7 days. */
    private void baseline(Instant now, List<AlertService.Signal> signals) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Map<String, Object[]> current = new HashMap<>();
        for (Object[] row : counts(hour, now)) {
            if (((Number) row[2]).longValue() >= VolumeBaseline.MIN_CALLS) {
                current.put((String) row[0], row);
            }
        }
        if (current.isEmpty()) {
            return;
        }
        Map<String, long[]> history = new HashMap<>();
        Duration elapsed = Duration.between(hour, now);
        for (int day = 1; day <= BASELINE_DAYS; day++) {
            Instant start = hour.minus(Duration.ofDays(day));
            for (Object[] row : counts(start, start.plus(elapsed))) {
                if (current.containsKey((String) row[0])) {
                    history.computeIfAbsent((String) row[0], k -> new long[BASELINE_DAYS])[day - 1] = ((Number) row[2]).longValue();
                }
            }
        }
        for (Object[] row : current.values()) {
            long calls = ((Number) row[2]).longValue();
            double multiple = VolumeBaseline.multiple(calls, history.getOrDefault((String) row[0], new long[BASELINE_DAYS]));
            if (multiple > 0) {
                signals.add(new AlertService.Signal(AlertKind.VOLUME_VS_BASELINE, (String) row[0], (String) row[1], multiple,
                        String.format("%d calls this hour so far, %.1f× the median of the same time over the last %d days",
                                calls, multiple, BASELINE_DAYS)));
            }
        }
    }

    private List<Object[]> counts(Instant from, Instant to) {
        return em.createQuery("select e.keyId, e.applicationId, count(e) from CallEvent e where e.occurredAt >= :from "
                        + "and e.occurredAt < :to and e.keyId is not null and " + PROVEN + " group by e.keyId, e.applicationId",
                        Object[].class)
                .setParameter("from", from).setParameter("to", to).setParameter("unproven", UNPROVEN).getResultList();
    }

    /** Findings recorded by the token lifecycle (reuse detection, hygiene), read once each. */
    private void lifecycleFindings(List<AlertService.Signal> signals) {
        if (lifecycleSeen < 0) {
            // on start, look back one day: an open alert absorbs a finding raised before a restart
            lifecycleSeen = em.createQuery("select coalesce(max(e.id), 0) from LifecycleEvent e where e.occurredAt < :dayAgo", Long.class)
                    .setParameter("dayAgo", Instant.now().minus(Duration.ofDays(1))).getSingleResult();
        }
        for (LifecycleEvent e : em.createQuery("select e from LifecycleEvent e where e.id > :seen and e.action in :actions "
                        + "order by e.id", LifecycleEvent.class)
                .setParameter("seen", lifecycleSeen)
                .setParameter("actions", List.of("key.reuse-detected", "key.leak-reported", "key.expiring", "key.unused"))
                .setMaxResults(1000).getResultList()) {
            AlertKind kind = switch (e.getAction()) {
                case "key.reuse-detected" -> AlertKind.ROTATED_KEY_REUSE;
                case "key.leak-reported" -> AlertKind.KEY_LEAKED;
                case "key.expiring" -> AlertKind.KEY_EXPIRING;
                default -> AlertKind.KEY_UNUSED;
            };
            ApiKey key = e.getTargetId() == null ? null : em.find(ApiKey.class, e.getTargetId());
            signals.add(new AlertService.Signal(kind, e.getTargetId(), key == null ? null : key.getApplicationId(), 1,
                    e.getDetail() == null ? e.getAction() : e.getDetail()));
            lifecycleSeen = e.getId();
        }
    }

    /** One alert (not per key) while any access review is overdue. */
    private void overdueReviews(Instant now, List<AlertService.Signal> signals) {
        List<ReviewService.Progress> overdue = reviews.overdue(now);
        if (!overdue.isEmpty()) {
            signals.add(new AlertService.Signal(AlertKind.REVIEW_OVERDUE, null, null, overdue.size(), overdue.stream()
                    .map(p -> "'" + p.campaign().getName() + "' was due " + p.campaign().getDueAt() + " (" + p.decided() + " of "
                            + p.total() + " keys decided)").collect(java.util.stream.Collectors.joining("; "))));
        }
    }

    /** Called when an alert was raised or resolved outside a pass, so the gauge does not wait for the next one. */
    public void refreshGauge() {
        openAlerts.set(alerts.openCount());
    }
}
