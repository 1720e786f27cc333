package io.sesame.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sesame's own settings, read through MicroProfile Config (defaults in the config jar, each overridable by
 * its environment variable, e.g. {@code sesame.token.pepper} ← {@code SESAME_TOKEN_PEPPER}).
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
    @ConfigProperty(name = "sesame.bootstrap.admin-username", defaultValue = "admin")
    String bootstrapAdminUsername;

    @Inject
    @ConfigProperty(name = "sesame.bootstrap.admin-password")
    Optional<String> bootstrapAdminPassword;

    @Inject
    @ConfigProperty(name = "sesame.bootstrap.api-key")
    Optional<String> bootstrapApiKey;

    @Inject
    @ConfigProperty(name = "sesame.keys.max-lifetime-days", defaultValue = "90")
    int keyMaxLifetimeDays;

    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public Optional<String> tokenPepper() {
        return tokenPepper.filter(s -> !s.isBlank());
    }

    public String bootstrapAdminUsername() {
        return bootstrapAdminUsername;
    }

    public Optional<String> bootstrapAdminPassword() {
        return bootstrapAdminPassword.filter(s -> !s.isBlank());
    }

    public Optional<String> bootstrapApiKey() {
        return bootstrapApiKey.filter(s -> !s.isBlank());
    }

    public int keyMaxLifetimeDays() {
        return keyMaxLifetimeDays;
    }
}
