package io.sesame.signal.boundary;

import io.sesame.alert.control.RetrySchedule;
import io.sesame.platform.boundary.JobLeases;
import io.sesame.signal.entity.SecurityEventDelivery;
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
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes security events (RFC 8935): every interval, one instance (the lease) turns new lifecycle events into
 * deliveries, signs the due ones with the signing key of the moment and pushes them, in order per subject, retrying with the alerts' backoff until a receiver answers 2xx (RFC 8935 asks 202)
 * or the retries run out. Reading the lifecycle trail, not a hook, means a change committed just before a crash is still
 * pushed afterwards.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED) // no connection held across HTTP calls
public class SignalPublisher {

    private static final Logger LOG = Logger.getLogger(SignalPublisher.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int BATCH = 20;
    /** Longer than a pass can take (BATCH pushes of at most TIMEOUT each), so that no second instance starts one meanwhile. */
    static final Duration LEASE = TIMEOUT.multipliedBy(BATCH).plusSeconds(30);

    @Inject
    SignalSettings settings;

    @EJB
    SignalOutbox outbox;

    @EJB
    JobLeases leases;

    @Resource
    TimerService timers;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Object passLock = new Object();
    private volatile Instant lastTidy = Instant.EPOCH;

    @PostConstruct
    void start() {
        if (!settings.receivers().isEmpty()) {
            long interval = settings.interval().toMillis();
            timers.createIntervalTimer(interval, interval, new TimerConfig("sesame-signal-publisher", false));
            LOG.info(() -> "Security events are pushed to " + settings.receivers());
        }
    }

    @Timeout
    void tick() {
        try {
            Duration lease = settings.interval().multipliedBy(3);
            if (leases.holds("signal-publisher", lease.compareTo(LEASE) > 0 ? lease : LEASE)) {
                pass(Instant.now());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "security event push pass failed; trying again at the next interval", e);
        }
    }

    /** Enqueues what is new and pushes what is due; returns the deliveries attempted. */
    public int pass(Instant now) {
        synchronized (passLock) {
            List<URI> receivers = settings.receivers();
            if (receivers.isEmpty()) {
                return 0;
            }
            for (URI receiver : receivers) {
                for (int round = 0; round < 10 && outbox.enqueue(receiver, now) > 0; round++) {
                    // another batch of new events, if there is one
                }
            }
            if (Duration.between(lastTidy, now).toHours() >= 1) {
                outbox.tidy(now);
                lastTidy = now;
            }
            List<SecurityEventDelivery> due = outbox.due(receivers.stream().map(URI::toString).toList(), now, BATCH);
            for (SecurityEventDelivery delivery : due) {
                String error = push(delivery);
                if (error == null) {
                    outbox.attempted(delivery.getId(), true, null, null);
                } else {
                    Duration delay = RetrySchedule.delayAfter(delivery.getAttempts() + 1, settings.retryBase());
                    LOG.warning(() -> "security event " + delivery.getJti() + " to " + delivery.getReceiver() + " failed (" + error
                            + "); " + (delay == null ? "giving up" : "retrying in " + delay.toSeconds() + " s"));
                    outbox.attempted(delivery.getId(), false, error, delay == null ? null : Instant.now().plus(delay));
                }
            }
            return due.size();
        }
    }

    private String push(SecurityEventDelivery delivery) {
        java.util.Optional<String> set = outbox.signed(delivery);
        if (set.isEmpty()) {
            return "no signing key is available right now";
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(delivery.getReceiver())).timeout(TIMEOUT)
                    .header("Content-Type", "application/secevent+jwt").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(set.get())).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "the receiver answered HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
