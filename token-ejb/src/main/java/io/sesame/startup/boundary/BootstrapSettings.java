package io.sesame.startup.boundary;

import static io.sesame.platform.control.ConfigValues.present;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the first start creates ({@code sesame.bootstrap.*}). */
@ApplicationScoped
public class BootstrapSettings {

    @Inject
    @ConfigProperty(name = "sesame.bootstrap.admin-username", defaultValue = "admin")
    String adminUsername;

    @Inject
    @ConfigProperty(name = "sesame.bootstrap.admin-password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "sesame.bootstrap.api-key")
    Optional<String> apiKey;

    /** More root admins for four-eyes (created by Sesame, so made by no one): a comma list of user names. */
    @Inject
    @ConfigProperty(name = "sesame.bootstrap.additional-admins")
    Optional<String> additionalAdmins;

    public java.util.List<String> additionalAdmins() {
        return present(additionalAdmins).map(v -> java.util.Arrays.stream(v.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .distinct().toList()).orElse(java.util.List.of());
    }

    public String bootstrapAdminUsername() {
        return adminUsername;
    }

    public Optional<String> bootstrapAdminPassword() {
        return present(adminPassword);
    }

    public Optional<String> bootstrapApiKey() {
        return present(apiKey);
    }
}
