package io.sesame.startup.boundary;

import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.Ids;
import io.sesame.policy.control.Permission;
import io.sesame.startup.control.BootstrapCredentialsFile;
import io.sesame.token.boundary.TokenSettings;
import io.sesame.token.control.ApiKeyFormat;
import io.sesame.token.control.ApiKeySecret;
import io.sesame.token.control.KeyHasher;
import io.sesame.token.control.MalformedApiKeyException;
import io.sesame.token.entity.AccessPolicyVersion;
import io.sesame.token.entity.ApiKey;
import io.sesame.token.entity.Application;
import io.sesame.user.boundary.PasswordHashing;
import io.sesame.user.entity.AdminRole;
import io.sesame.user.entity.AdminUser;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * First start on an empty database: creates the first portal admin and one API key with Sesame's
 * administrative permissions, taken from configuration when given, else generated and written once to an
 * owner-only file in the data directory. Secrets are never logged; the file's path is.
 */
@Singleton
@Startup
public class BootstrapService {

    private static final Logger LOG = Logger.getLogger(BootstrapService.class.getName());
    static final String ACTOR = "system:bootstrap";
    static final String APPLICATION_NAME = "sesame-bootstrap";
    static final String FOUR_EYES_EVENT = "approvals.settings-changed";

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    SesameSettings settings;

    @Inject
    BootstrapSettings bootstrapSettings;

    @Inject
    TokenSettings tokenSettings;

    @Inject
    PasswordHashing passwords;

    @EJB
    LifecycleAudit audit;

    @Inject
    io.sesame.access.boundary.FourEyesSettings fourEyes;

    @Inject
    io.sesame.token.boundary.KeyDirectory directory;

    private final SecureRandom random = new SecureRandom();

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void bootstrapIfEmpty() {
        recordFourEyesSettings();
        KeyHasher hasher;
        try {
            hasher = new KeyHasher(settings.tokenPepper().orElse(null));
        } catch (IllegalArgumentException e) {
            // Fail closed: without the pepper no key can be issued or checked; readiness stays DOWN.
            LOG.severe("Sesame is not ready: " + e.getMessage() + "; bootstrap postponed");
            return;
        }
        long admins = em.createNamedQuery(AdminUser.COUNT, Long.class).getSingleResult();
        long applications = em.createNamedQuery(Application.COUNT, Long.class).getSingleResult();
        if (admins > 0 || applications > 0) {
            LOG.info("Existing Sesame database found (" + admins + " admin user(s), " + applications
                    + " application(s)); no bootstrap needed");
            addMissingRoots();
            return;
        }
        bootstrap(hasher);
    }

    static final String USERNAME = "[A-Za-z0-9._@-]{2,100}";

    /** A root admin (made by Sesame, so by no person: four-eyes' independent approvers); returns its first password. */
    private String createRoot(String name, Instant now) {
        if (!name.matches(USERNAME)) {
            throw new IllegalStateException("sesame.bootstrap.additional-admins: '" + name + "' is not a usable user name");
        }
        String password = Ids.secret(random, 24);
        AdminUser root = new AdminUser(name, passwords.hash(password.toCharArray()), EnumSet.of(AdminRole.admin), now);
        root.createdBy(ACTOR);
        em.persist(root);
        audit.record(ACTOR, "admin-user.created", "admin-user", name, "root admin (role admin; sesame.bootstrap.additional-admins)", null, null);
        return password;
    }

    /**
     * An existing installation gains the roots named in sesame.bootstrap.additional-admins that it lacks; their first
     * passwords go to their own owner-only file, one per start that created any.
     */
    private void addMissingRoots() {
        java.util.Map<String, String> created = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (String root : bootstrapSettings.additionalAdmins()) {
            if (em.find(AdminUser.class, root) == null) {
                created.put("admin." + root + ".password", createRoot(root, now));
            }
        }
        if (created.isEmpty()) {
            return;
        }
        Path file = settings.dataDir().resolve("root-admins-" + now.toEpochMilli() + ".properties");
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            StringBuilder text = new StringBuilder("# Sesame root admins created at " + now + ": give each password to its own person, who changes it.\n");
            created.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(file, text);
            LOG.info("Root admins " + created.keySet() + " created; first passwords in " + file + " (mode 0600)");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("Cannot write the root admins' first passwords to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * No door changes four-eyes; the operator does, by configuration. Each start with a setting other than the last one
     * recorded is a lifecycle event, so a weakening shows in the audit (and to alert rules on lifecycle events).
     */
    private void recordFourEyesSettings() {
        String now = fourEyes.gates().describe();
        java.util.List<String> last = em.createQuery("select e.detail from LifecycleEvent e where e.action = :action order by e.id desc",
                String.class).setParameter("action", FOUR_EYES_EVENT).setMaxResults(1).getResultList();
        String before = last.isEmpty() ? "false" : last.get(0).replaceFirst(" \\(was .*\\)$", "");
        if (!now.equals(before)) {
            audit.record(ACTOR, FOUR_EYES_EVENT, "setting", "sesame.approvals.four-eyes", now + " (was " + before + ")", null, null);
            LOG.info("sesame.approvals.four-eyes is now " + now + " (was " + before + "); recorded in the audit");
        }
    }

    private void bootstrap(KeyHasher hasher) {
        Instant now = Instant.now();
        Map<String, String> generated = new LinkedHashMap<>();

        String username = bootstrapSettings.bootstrapAdminUsername();
        String password = bootstrapSettings.bootstrapAdminPassword().orElseGet(() -> {
            String value = Ids.secret(random, 24);
            generated.put("admin.username", username);
            generated.put("admin.password", value);
            return value;
        });
        if (!username.matches(USERNAME)) {
            throw new IllegalStateException("sesame.bootstrap.admin-username: '" + username + "' is not a usable user name");
        }
        AdminUser admin = new AdminUser(username, passwords.hash(password.toCharArray()), EnumSet.of(AdminRole.admin), now);
        admin.createdBy(ACTOR); // a root: Sesame made it, no person did (four-eyes)
        em.persist(admin);
        audit.record(ACTOR, "admin-user.created", "admin-user", username, "bootstrap admin (role admin)", null, null);
        // Further roots of trust: four-eyes never lets an account approve for the one who made it, so two independent
        // approvers must both come from the operator. Each gets its own generated first password.
        for (String root : bootstrapSettings.additionalAdmins()) {
            if (root.equals(username)) {
                throw new IllegalStateException("sesame.bootstrap.additional-admins: '" + root + "' is the bootstrap admin already");
            }
            generated.put("admin." + root + ".password", createRoot(root, now));
        }

        ApiKeySecret key;
        if (bootstrapSettings.bootstrapApiKey().isPresent()) {
            try {
                key = ApiKeyFormat.parse(bootstrapSettings.bootstrapApiKey().get());
            } catch (MalformedApiKeyException e) {
                throw new IllegalStateException("SESAME_BOOTSTRAP_API_KEY is not usable: " + e.getMessage(), e);
            }
        } else {
            key = ApiKeyFormat.generate(random);
            generated.put("api.key.id", key.keyId());
            generated.put("api.key", key.reveal());
        }

        Application application = new Application(Ids.application(random), APPLICATION_NAME, "sesame",
                null, "Created at first start; holds the bootstrap administration key", now, ACTOR);
        em.persist(application);
        audit.record(ACTOR, "application.created", "application", application.getId(), APPLICATION_NAME, null, null);

        Instant expiresAt = now.plus(Duration.ofDays(tokenSettings.keyMaxLifetimeDays()));
        // The key and the admin's password are handed to the same person (one credentials file, or one operator's
        // environment): four-eyes must see the key as the bootstrap admin's, never as a second person.
        ApiKey apiKey = new ApiKey(key.keyId(), application.getId(), "bootstrap-admin", hasher.hash(key), 1,
                now, "portal:" + username + " (bootstrap, issued with the admin's password)", expiresAt);
        em.persist(apiKey);
        em.persist(new AccessPolicyVersion(key.keyId(), 1, Permission.actions(Permission.administration()), "{}",
                now, ACTOR));
        audit.record(ACTOR, "key.issued", "api-key", key.keyId(),
                "bootstrap key; permissions " + Permission.actions(Permission.administration()) + "; expires " + expiresAt,
                null, null);
        em.flush();
        directory.invalidate(key.keyId()); // its id may be known in advance (SESAME_BOOTSTRAP_API_KEY): never cached as absent

        if (generated.isEmpty()) {
            LOG.info("Bootstrap complete: admin '" + username + "' and API key " + key.keyId()
                    + " created from configuration");
            return;
        }
        Path dataDir = settings.dataDir();
        try {
            Path file = BootstrapCredentialsFile.write(dataDir, generated, now);
            LOG.info("Bootstrap complete: admin '" + username + "' and API key " + key.keyId()
                    + " created; generated credentials written to " + file + " (mode 0600)");
        } catch (IOException e) {
            // Roll back: bootstrap secrets nobody can read would lock the operator out.
            LOG.log(Level.SEVERE, "Cannot write the bootstrap credentials file: {0}", e.getMessage());
            throw new IllegalStateException("Bootstrap failed: " + e.getMessage(), e);
        }
    }
}
