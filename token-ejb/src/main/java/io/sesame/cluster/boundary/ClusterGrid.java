package io.sesame.cluster.boundary;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import fish.payara.micro.cdi.Inbound;
import fish.payara.micro.cdi.Outbound;
import io.sesame.cluster.control.ClusterNotice;
import io.sesame.cluster.control.SeenOnce;
import io.sesame.policy.control.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What instances of one Sesame cluster share through Payara's embedded data grid (Hazelcast), when
 * {@code sesame.cluster.enabled}: otherwise every method works on this instance alone, as a single Payara Server does.
 * <ul>
 * <li>Versions of cached state (keys, applications): a replicated map, so that reading it on every request is a local
 *     memory read; a change bumps the version after its transaction commits, and every instance reloads what it cached
 *     from the database when the version it cached under differs.</li>
 * <li>Revoked access tokens: a replicated map (entries live until the token would have expired).</li>
 * <li>Rate limits: one token-bucket state per key in a partitioned map, changed by compare-and-set on its owner.</li>
 * <li>Notices: a clustered CDI event per change, so the others drop their cache at once rather than at the next
 *     version check; a member that joins (or rejoins after a partition) drops everything it cached.</li>
 * </ul>
 * Only JDK types go into the grid: the grid cannot load application classes on other members.
 */
@ApplicationScoped
public class ClusterGrid {

    private static final Logger LOG = Logger.getLogger(ClusterGrid.class.getName());
    static final String VERSIONS = "sesame-state-versions";
    static final String REVOKED_TOKENS = "sesame-revoked-tokens";
    static final String RATE_LIMITS = "sesame-rate-limits";
    static final String SEEN_ONCE = "sesame-seen-once";
    static final int MAX_LOCAL_SEEN_ONCE = 500_000;
    static final String DPOP_SEEN_ONCE = "sesame-dpop-seen-once";
    static final int MAX_LOCAL_DPOP_SEEN_ONCE = 200_000;
    /** One version for all applications: their changes are rare, and a key's cache entry then needs one lookup. */
    public static final String APPLICATIONS = "applications";
    /** Keys whose local rate-limit state is held at most (an evicted key starts again with a full bucket). */
    static final long MAX_LOCAL_RATE_LIMITS = 100_000;

    @Inject
    @ConfigProperty(name = "sesame.cluster.enabled", defaultValue = "false")
    boolean clusterEnabled;

    @Inject
    @Outbound
    Event<ClusterNotice> outbound;

    @Inject
    Instance<MetricRegistry> metrics;

    private volatile HazelcastInstance hazelcast;
    private volatile String problem;
    private UUID membershipListener;
    private ReplicatedMap<String, Long> versions;
    private ReplicatedMap<String, Long> revokedTokens;
    private final List<Consumer<ClusterNotice>> noticeHandlers = new CopyOnWriteArrayList<>();
    private final List<Runnable> resyncHandlers = new CopyOnWriteArrayList<>();
    private final RateLimiter localLimiter = new RateLimiter(localRateLimits(), System::nanoTime);
    private RateLimiter sharedLimiter;
    private com.hazelcast.map.IMap<String, Long> sharedSeenOnce;
    /** Per instance: what was seen once (all of it when not clustered; the first check when clustered). */
    private final SeenOnce localSeenOnce = new SeenOnce(MAX_LOCAL_SEEN_ONCE);
    /** DPoP proofs apart from signed requests: a flood of one cannot crowd out the other. */
    private final SeenOnce localDpopSeenOnce = new SeenOnce(MAX_LOCAL_DPOP_SEEN_ONCE);
    private com.hazelcast.map.IMap<String, Long> sharedDpopSeenOnce;

    @PostConstruct
    void connect() {
        if (!clusterEnabled) {
            return;
        }
        try {
            HazelcastInstance grid = (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
            versions = grid.getReplicatedMap(VERSIONS);
            revokedTokens = grid.getReplicatedMap(REVOKED_TOKENS);
            limitIdleEntries(grid);
            sharedLimiter = new RateLimiter(grid.getMap(RATE_LIMITS), ClusterGrid::epochNanos);
            sharedSeenOnce = grid.getMap(SEEN_ONCE);
            sharedDpopSeenOnce = grid.getMap(DPOP_SEEN_ONCE);
            membershipListener = grid.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    resync("member joined: " + event.getMember().getAddress());
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    resync("member left: " + event.getMember().getAddress());
                }
            });
            hazelcast = grid;
            LOG.info(() -> "Sesame cluster mode: data grid " + grid.getConfig().getClusterName() + " with "
                    + grid.getCluster().getMembers().size() + " member(s)");
        } catch (NamingException | RuntimeException e) {
            problem = "sesame.cluster.enabled is true but Payara's data grid is not available (" + e + "); "
                    + "start Payara Micro without --nohazelcast";
            LOG.severe(problem);
        }
    }

    /**
     * A key idle for a day has a full bucket anyway (a debt left by a very large bulk send at a very low rate is
     * forgiven then): its entry may go, so the map does not keep one entry per key forever.
     */
    private static void limitIdleEntries(HazelcastInstance grid) {
        try {
            grid.getConfig().addMapConfig(new MapConfig(RATE_LIMITS).setMaxIdleSeconds((int) Duration.ofDays(1).toSeconds()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "rate-limit map configured already (another application of this member)", e);
        }
    }

    /**
     * The local rate-limit states, as the grid's map is configured ({@link #limitIdleEntries}): an entry idle for a day
     * goes (its bucket is full by then), and at most {@link #MAX_LOCAL_RATE_LIMITS} keys are held. A map view of a
     * Caffeine cache, so that {@code putIfAbsent}/{@code replace} keep their compare-and-set meaning.
     */
    static ConcurrentMap<String, Long> localRateLimits() {
        return Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofDays(1))
                .maximumSize(MAX_LOCAL_RATE_LIMITS)
                .<String, Long>build()
                .asMap();
    }

    @PreDestroy
    void disconnect() {
        HazelcastInstance grid = hazelcast;
        if (grid != null && membershipListener != null) {
            try {
                grid.getCluster().removeMembershipListener(membershipListener);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "grid already stopped", e);
            }
        }
    }

    public boolean clustered() {
        return hazelcast != null;
    }

    /** Null when cluster mode is off or working, else why not (a readiness problem). */
    public String problem() {
        return problem;
    }

    /** Members of the grid (1 when not clustered). */
    public int members() {
        HazelcastInstance grid = hazelcast;
        return grid == null ? 1 : grid.getCluster().getMembers().size();
    }

    /** The version of a subject's shared state (0 when never changed, or not clustered). A local read. */
    public long version(String subject) {
        if (versions == null) {
            return 0;
        }
        Long version = versions.get(subject);
        return version == null ? 0 : version;
    }

    /**
     * Tells every instance that the subject's state changed in the database. Call only after the change committed:
     * an instance that reloads on the new version must find the new state.
     */
    public void changed(ClusterNotice.Kind kind, String subject) {
        if (hazelcast == null) {
            return;
        }
        try {
            if (kind == ClusterNotice.Kind.KEY || kind == ClusterNotice.Kind.APPLICATION) {
                versions.put(kind == ClusterNotice.Kind.KEY ? subject : APPLICATIONS, ThreadLocalRandom.current().nextLong());
            }
            outbound.fire(new ClusterNotice(kind, subject));
        } catch (RuntimeException e) {
            // The database holds the change; the others catch up at their next reload (at most 5 minutes).
            LOG.log(Level.WARNING, "could not tell the cluster about " + kind + " " + subject, e);
        }
    }

    public void tokenRevoked(String jti, Instant expiresAt) {
        if (hazelcast == null) {
            return;
        }
        long ttlMillis = Math.max(1000, expiresAt.toEpochMilli() - System.currentTimeMillis());
        try {
            revokedTokens.put(jti, expiresAt.toEpochMilli(), ttlMillis, TimeUnit.MILLISECONDS);
            outbound.fire(new ClusterNotice(ClusterNotice.Kind.TOKEN, jti));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not tell the cluster about the revocation of token " + jti, e);
        }
    }

    /** Whether another instance revoked the token (this instance's own list is in {@code KeyDirectory}). */
    public boolean isTokenRevoked(String jti) {
        return revokedTokens != null && revokedTokens.containsKey(jti);
    }

    /**
     * Takes from the key's rate limit, shared by the cluster when clustered (see {@link RateLimiter}): 0 when allowed,
     * else nanoseconds to wait. Should the grid fail, the limit is still enforced, per instance, and a warning logged.
     */
    public long acquireRate(String keyId, double ratePerSecond, int messages) {
        return limit(keyId, limiter -> limiter.acquire(keyId, ratePerSecond, messages));
    }

    public long peekRate(String keyId, double ratePerSecond, int messages) {
        return limit(keyId, limiter -> limiter.peek(keyId, ratePerSecond, messages));
    }

    private long limit(String keyId, ToLongFunction<RateLimiter> operation) {
        if (sharedLimiter != null) {
            try {
                return operation.applyAsLong(sharedLimiter);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "shared rate limit unavailable; limiting key " + keyId + " on this instance", e);
            }
        }
        return operation.applyAsLong(localLimiter);
    }

    /**
     * Whether {@code id} is seen for the first time within {@code ttl}: on this instance, then — when clustered —
     * atomically across the cluster. A signed request is accepted once. Fails closed: a full memory answers
     * {@link SeenOnce.Sighting#FULL}, a failing grid throws.
     *
     * @throws IllegalStateException when clustered and the grid cannot tell (the request must be refused)
     */
    public SeenOnce.Sighting sighting(String id, Duration ttl) {
        return sighting(localSeenOnce, sharedSeenOnce, id, ttl);
    }

    /** {@link #sighting} for DPoP proof ids, in a memory of their own. */
    public SeenOnce.Sighting dpopSighting(String id, Duration ttl) {
        return sighting(localDpopSeenOnce, sharedDpopSeenOnce, id, ttl);
    }

    private static SeenOnce.Sighting sighting(SeenOnce local, com.hazelcast.map.IMap<String, Long> shared, String id, Duration ttl) {
        SeenOnce.Sighting seen = local.see(id, ttl, System.currentTimeMillis());
        if (seen != SeenOnce.Sighting.FIRST || shared == null) {
            return seen;
        }
        try {
            return shared.putIfAbsent(id, System.currentTimeMillis(), ttl.toMillis(), TimeUnit.MILLISECONDS) == null
                    ? SeenOnce.Sighting.FIRST : SeenOnce.Sighting.REPEATED;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "shared replay guard unavailable: signed requests are refused until the grid answers", e);
            throw new IllegalStateException("the cluster's replay guard is unavailable", e);
        }
    }

    /** Handlers for notices from other instances. */
    public void onNotice(Consumer<ClusterNotice> handler) {
        noticeHandlers.add(handler);
    }

    /** Handlers that drop everything cached, when a member joins or leaves (events may have been missed). */
    public void onResync(Runnable handler) {
        resyncHandlers.add(handler);
    }

    void received(@Observes @Inbound ClusterNotice notice) {
        if (metrics.isResolvable()) {
            metrics.get().counter("sesame_cluster_notices_received", new Tag("kind", notice.kind().name().toLowerCase())).inc();
        }
        for (Consumer<ClusterNotice> handler : noticeHandlers) {
            try {
                handler.accept(notice);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handling " + notice + " failed", e);
            }
        }
    }

    private void resync(String why) {
        LOG.info(() -> "Sesame cluster: " + why + "; reloading cached key states and revocations from the database");
        for (Runnable handler : resyncHandlers) {
            try {
                handler.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "resync failed", e);
            }
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
