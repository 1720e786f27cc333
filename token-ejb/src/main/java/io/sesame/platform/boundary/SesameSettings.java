package io.sesame.platform.boundary;

import static io.sesame.platform.control.ConfigValues.present;

import io.sesame.platform.control.AwsConnection;
import io.sesame.platform.control.Pepper;
import io.sesame.platform.control.SesameException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings every component shares: where data lives, the database, the pepper and how AWS is reached. Each
 * component reads its own settings in its own class ({@code TokenSettings}, {@code AlertSettings}, …); all are read
 * through MicroProfile Config (defaults in the config jar, each overridable by its environment variable, e.g.
 * {@code sesame.token.pepper} ← {@code SESAME_TOKEN_PEPPER}).
 */
@ApplicationScoped
public class SesameSettings {

    @Inject
    @ConfigProperty(name = "sesame.data.dir")
    String dataDir;

    @Inject
    @ConfigProperty(name = "sesame.db.url")
    String databaseUrl;

    @Inject
    @ConfigProperty(name = "sesame.token.pepper")
    Optional<String> tokenPepper;

    @Inject
    @ConfigProperty(name = "sesame.ses.region", defaultValue = "us-east-1")
    String awsRegion;

    @Inject
    @ConfigProperty(name = "sesame.ses.endpoint")
    Optional<String> sesEndpoint;

    @Inject
    @ConfigProperty(name = "sesame.ses.access-key-id")
    Optional<String> awsAccessKeyId;

    @Inject
    @ConfigProperty(name = "sesame.ses.secret-access-key")
    Optional<String> awsSecretAccessKey;

    @Inject
    @ConfigProperty(name = "sesame.sts.endpoint")
    Optional<String> stsEndpoint;

    private volatile Pepper pepper;

    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public Optional<String> tokenPepper() {
        return present(tokenPepper);
    }

    /**
     * The pepper, checked once.
     *
     * @throws SesameException 503 when it is missing or too short (Sesame is then not ready either)
     */
    public Pepper pepper() {
        Pepper checked = pepper;
        if (checked == null) {
            try {
                checked = new Pepper(tokenPepper().orElse(null));
            } catch (IllegalArgumentException e) {
                throw SesameException.unavailable(e.getMessage());
            }
            pepper = checked;
        }
        return checked;
    }

    /** How SES and STS are reached: region, SES endpoint override and Sesame's own (base) credentials. */
    public AwsConnection aws() {
        return new AwsConnection(awsRegion, present(sesEndpoint).orElse(null), present(awsAccessKeyId).orElse(null),
                awsSecretAccessKey.orElse(null));
    }

    public Optional<String> stsEndpoint() {
        return present(stsEndpoint);
    }
}
