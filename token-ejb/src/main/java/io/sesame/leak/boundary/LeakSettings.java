package io.sesame.leak.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of leaked-key reporting ({@code sesame.leaks.*}). */
@ApplicationScoped
public class LeakSettings {

    /** What happens to a key reported leaked. */
    public enum Action { REVOKE, SUSPEND }

    @Inject
    @ConfigProperty(name = "sesame.leaks.action", defaultValue = "revoke")
    String action;

    @Inject
    @ConfigProperty(name = "sesame.leaks.github.enabled", defaultValue = "false")
    boolean githubEnabled;

    @Inject
    @ConfigProperty(name = "sesame.leaks.github.keys-url", defaultValue = "https://api.github.com/meta/public_keys/secret_scanning")
    String githubKeysUrl;

    @Inject
    @ConfigProperty(name = "sesame.leaks.github.public-keys")
    Optional<String> githubPinnedKeys;

    @Inject
    @ConfigProperty(name = "sesame.federation.allow-http-loopback", defaultValue = "false")
    boolean allowHttpLoopback;

    /** Revoke (default) or suspend; anything else fails closed to revoke. */
    public Action action() {
        return "suspend".equals(action.strip().toLowerCase(Locale.ROOT)) ? Action.SUSPEND : Action.REVOKE;
    }

    public boolean githubEnabled() {
        return githubEnabled;
    }

    public String githubKeysUrl() {
        return githubKeysUrl;
    }

    /** GitHub's key list pinned as JSON (its {@code /meta/public_keys/secret_scanning} answer): no fetch at all. */
    public Optional<String> githubPinnedKeys() {
        return githubPinnedKeys.filter(s -> !s.isBlank());
    }

    /** Loopback key URLs, for test doubles only (the federation setting of the same name). */
    public boolean allowHttpLoopback() {
        return allowHttpLoopback;
    }
}
