package io.sesame.startup.boundary;

import io.sesame.cluster.boundary.ClusterGrid;
import io.sesame.platform.boundary.SesameDataSource;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.DatabaseKind;
import io.sesame.platform.control.SchemaMigration;
import io.sesame.token.boundary.SigningKeyService;
import io.sesame.token.control.KeyHasher;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Sesame is ready only when its secrets are configured, signing keys are loaded, the database answers and
 * every migration has been applied. A change of state is logged once, with the reason, so an operator sees why in one line.
 */
@Readiness
@ApplicationScoped
public class SesameReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SesameReadiness.class.getName());
    private static final int DB_TIMEOUT_SECONDS = 3;

    @Resource(lookup = SesameDataSource.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SesameSettings settings;

    @EJB
    SigningKeyService signingKeys;

    @Inject
    ClusterGrid cluster;

    @Inject
    io.sesame.user.boundary.PortalSettings portalSettings;

    @Inject
    io.sesame.access.boundary.FourEyesSettings fourEyes;

    @Inject
    io.sesame.platform.boundary.ClientAddresses clientAddresses;

    @Inject
    io.sesame.audit.boundary.AuditLog auditLog;

    private volatile boolean schemaCurrent;
    private volatile String lastProblem = "";

    /**
     * The public answer ({@code /health/ready}, for load balancers): up or down, without the reasons — they name
     * settings and infrastructure. The reasons are in {@link #details()} ({@code GET /api/v1/ops/ready}, operators
     * only) and in server.log, once per change.
     */
    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse full = details();
        if (full.getStatus() == HealthCheckResponse.Status.UP) {
            return full;
        }
        HealthCheckResponseBuilder redacted = HealthCheckResponse.named(full.getName()).down();
        full.getData().ifPresent(data -> data.forEach((k, v) -> {
            if (!"reason".equals(k)) {
                redacted.withData(k, String.valueOf(v));
            }
        }));
        return redacted.withData("reason", "not ready: the reasons are at GET /api/v1/ops/ready (operator networks or token) and in server.log")
                .build();
    }

    /** The full answer, with every reason Sesame is not ready. */
    public HealthCheckResponse details() {
        List<String> problems = new ArrayList<>();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sesame")
                .withData("database", DatabaseKind.of(settings.databaseUrl()).name().toLowerCase());

        String secretsProblem = secretsProblem();
        if (secretsProblem != null) {
            problems.add(secretsProblem);
        }
        if (cluster.problem() != null) {
            problems.add(cluster.problem());
        } else if (cluster.clustered()) {
            response.withData("clusterMembers", cluster.members());
        }
        try {
            portalSettings.sessionMaxLifetime(); // a bad value would otherwise fail every portal request, not the start
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        if (auditLog.problem() != null) {
            problems.add(auditLog.problem() + " (the audit log is off until it is fixed; the database audit is unaffected)");
        }
        if (clientAddresses.problem() != null) {
            problems.add(clientAddresses.problem() + " (no proxy is trusted until it is fixed)");
        }
        if (fourEyes.problem() != null) {
            problems.add(fourEyes.problem() + " (every four-eyes gate holds until it is fixed)");
        }
        String signingProblem = signingKeys.problem();
        if (signingProblem != null) {
            problems.add(signingProblem);
        }
        String databaseProblem = databaseProblem();
        if (databaseProblem != null) {
            problems.add(databaseProblem);
        }
        String summary = String.join("; ", problems);
        logOnChange(summary);
        if (problems.isEmpty()) {
            return response.up().build();
        }
        return response.down().withData("reason", summary).build();
    }

    private String secretsProblem() {
        try {
            new KeyHasher(settings.tokenPepper().orElse(null));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String databaseProblem() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(DB_TIMEOUT_SECONDS)) {
                return "database " + DatabaseKind.redact(settings.databaseUrl()) + " does not answer";
            }
        } catch (Exception e) {
            return "database " + DatabaseKind.redact(settings.databaseUrl()) + " unreachable: " + SchemaMigration.rootMessage(e);
        }
        if (!schemaCurrent) {
            try {
                String outstanding = new SchemaMigration(dataSource).outstanding();
                if (outstanding != null) {
                    return "database schema not current: " + outstanding;
                }
                schemaCurrent = true;
            } catch (Exception e) {
                return "cannot read the migration history: " + SchemaMigration.rootMessage(e);
            }
        }
        return null;
    }

    private void logOnChange(String summary) {
        if (!summary.equals(lastProblem)) {
            lastProblem = summary;
            if (summary.isEmpty()) {
                LOG.info("Sesame is ready");
            } else {
                LOG.warning("Sesame is not ready: " + summary);
            }
        }
    }
}
