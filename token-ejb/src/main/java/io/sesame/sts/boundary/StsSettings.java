package io.sesame.sts.boundary;

import static io.sesame.platform.control.ConfigValues.present;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Credential vending settings ({@code sesame.sts.*}). */
@ApplicationScoped
public class StsSettings {

    @Inject
    @ConfigProperty(name = "sesame.sts.vend-role-arn")
    Optional<String> vendRoleArn;

    @Inject
    @ConfigProperty(name = "sesame.ses.role-arn")
    Optional<String> sesRoleArn;

    /** The role whose credentials are vended to keys (POST /api/v1/credentials/aws); the SES role when unset. */
    public Optional<String> vendRoleArn() {
        return present(vendRoleArn).or(() -> present(sesRoleArn));
    }
}
