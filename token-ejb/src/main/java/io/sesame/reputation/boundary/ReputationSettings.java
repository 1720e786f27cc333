package io.sesame.reputation.boundary;

import static io.sesame.platform.control.ConfigValues.commaSeparated;
import static io.sesame.platform.control.ConfigValues.present;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reputation and SNS notification settings ({@code sesame.reputation.*}, {@code sesame.sns.*}). */
@ApplicationScoped
public class ReputationSettings {

    @Inject
    @ConfigProperty(name = "sesame.reputation.min-messages", defaultValue = "100")
    int minMessages;

    @Inject
    @ConfigProperty(name = "sesame.sns.topic-arns")
    Optional<String> snsTopicArns;

    @Inject
    @ConfigProperty(name = "sesame.sns.certificates-dir")
    Optional<String> snsCertificatesDir;

    /** Messages with an outcome a key needs before its bounce and complaint rates are judged. */
    public int reputationMinMessages() {
        return Math.max(1, minMessages);
    }

    /** SNS topics whose notifications are accepted; none configured means none accepted (fail closed). */
    public List<String> snsTopicArns() {
        return commaSeparated(snsTopicArns);
    }

    public Optional<Path> snsCertificatesDir() {
        return present(snsCertificatesDir).map(Path::of);
    }
}
