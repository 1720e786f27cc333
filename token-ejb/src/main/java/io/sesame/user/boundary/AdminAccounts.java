package io.sesame.user.boundary;

import io.sesame.access.boundary.FourEyesSettings;
import io.sesame.access.control.Actor;
import io.sesame.access.control.FourEyesGates;
import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.platform.control.AttemptWindow;
import io.sesame.platform.control.ClientNetworks;
import io.sesame.platform.control.Ids;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import io.sesame.user.control.LoginThrottle;
import io.sesame.user.control.PortalSessions;
import io.sesame.user.control.SourceLockouts;
import io.sesame.user.entity.AdminRole;
import io.sesame.user.entity.AdminUser;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Portal accounts: sign-in with lockout, password change. Every sign-in, failure and lock is a lifecycle event.
 * Unknown users cost the same PBKDF2 work as known ones, so timing does not reveal which names exist.
 */
@Stateless
public class AdminAccounts {

    @PersistenceContext(unitName = "sesame")
    EntityManager em;

    @Inject
    PasswordHashing passwords;

    @Inject
    FourEyesSettings fourEyes;

    @EJB
    LifecycleAudit audit;

    /** One per class, made once: computing it lazily would make the first unknown-user attempt of an instance slower. */
    private static volatile String dummyHash;
    private final SecureRandom random = new SecureRandom();

    /** Sign-in attempts per client address: 30 per 10 minutes (per instance), whatever the accounts tried. */
    static final AttemptWindow PER_ADDRESS = new AttemptWindow(30, Duration.ofMinutes(10));

    /** Lockout per account and address (per instance), so that guessing from one address locks out no one else. */
    static final SourceLockouts LOCKOUTS = new SourceLockouts();

    /**
     * The outcome of a sign-in: the roles and the account's session epoch on success (the session keeps it, see
     * {@link #checkSession}), else why not (for the log; the user sees one message).
     */
    public record SignIn(boolean ok, Set<AdminRole> roles, String refusal, long sessionEpoch) {
        SignIn(boolean ok, Set<AdminRole> roles, String refusal) {
            this(ok, roles, refusal, -1);
        }
    }

    @Inject
    PortalSettings portalSettings;

    /**
     * Whether a signed-in session may go on (called on every portal request): its account must be active and unchanged
     * since sign-in, and the session younger than {@code sesame.portal.session-max-hours}. An ended session is a
     * lifecycle event.
     */
    public PortalSessions.Verdict checkSession(String username, Long sessionEpoch, Instant signedInAt, String sourceIp) {
        AdminUser user = username == null ? null : em.find(AdminUser.class, username);
        PortalSessions.Verdict verdict = PortalSessions.check(user != null, user != null && user.isActive(),
                user == null ? -1 : user.getSessionEpoch(), sessionEpoch, signedInAt, Instant.now(), portalSettings.sessionMaxLifetime());
        if (verdict != PortalSessions.Verdict.VALID) {
            audit.record(truncate(username), "admin.session-ended", "admin-user", truncate(username), verdict.reason(), sourceIp, null);
        }
        return verdict;
    }

    public SignIn authenticate(String username, char[] password, String sourceIp) {
        Instant now = Instant.now();
        String network = ClientNetworks.of(sourceIp); // an IPv6 /64 is one client
        if (!PER_ADDRESS.tryAttempt(network, now)) {
            audit.record("anonymous", "admin.login-refused", "admin-user", truncate(username),
                    "too many sign-in attempts from " + sourceIp, sourceIp, null);
            return new SignIn(false, Set.of(), "too many attempts from " + sourceIp);
        }
        // Read without a lock: the PBKDF2 work is done before the row is locked, so guessing cannot queue the owner behind it.
        AdminUser unlocked = username == null ? null : em.find(AdminUser.class, username);
        // The same work whatever the account's state (unknown, locked, disabled or fine): no timing tells them apart.
        boolean passwordMatches = passwords.verify(password, unlocked == null ? dummyHash() : unlocked.getPasswordHash());
        if (unlocked == null) {
            audit.record("anonymous", "admin.login-failed", "admin-user", truncate(username), "unknown user", sourceIp, null);
            return new SignIn(false, Set.of(), "unknown user");
        }
        AdminUser user = em.find(AdminUser.class, username, LockModeType.PESSIMISTIC_WRITE);
        Instant lockedUntil = LOCKOUTS.lockedUntil(username, network, now);
        if (lockedUntil != null) {
            audit.record(username, "admin.login-refused", "admin-user", username, "locked out from " + sourceIp + " until "
                    + lockedUntil, sourceIp, null);
            return new SignIn(false, Set.of(), "locked until " + lockedUntil);
        }
        if (LoginThrottle.locked(user.getLockedUntil(), now)) {
            audit.record(username, "admin.login-refused", "admin-user", username, "account locked until " + user.getLockedUntil()
                    + " (failures from many addresses)", sourceIp, null);
            return new SignIn(false, Set.of(), "locked until " + user.getLockedUntil());
        }
        if (!user.isActive()) {
            audit.record(username, "admin.login-refused", "admin-user", username, "account " + user.getStatus(), sourceIp, null);
            return new SignIn(false, Set.of(), "account " + user.getStatus());
        }
        if (!passwordMatches) {
            Instant addressLock = LOCKOUTS.failed(username, network, now);
            Instant accountLock = LoginThrottle.accountLockAfter(user.getFailedLogins() + 1, now);
            user.loginFailed(accountLock); // the account-wide count and cap live in the database, for the whole cluster
            int inARow = LOCKOUTS.failures(username, network);
            audit.record(username, addressLock == null && accountLock == null ? "admin.login-failed" : "admin.locked", "admin-user",
                    username, "wrong password (" + inARow + " in a row from " + sourceIp + ", " + user.getFailedLogins()
                            + " from all addresses)" + (addressLock == null ? "" : "; " + sourceIp + " locked out until " + addressLock)
                            + (accountLock == null ? "" : "; account locked until " + accountLock), sourceIp, null);
            return new SignIn(false, Set.of(), "wrong password");
        }
        LOCKOUTS.succeeded(username, network);
        user.loginSucceeded(now);
        audit.record(username, "admin.login", "admin-user", username, "signed in", sourceIp, null);
        return new SignIn(true, user.getRoles(), null, user.getSessionEpoch());
    }

    public void loggedOut(String username, String sourceIp) {
        audit.record(username, "admin.logout", "admin-user", username, "signed out", sourceIp, null);
    }

    /** @throws SesameException naming the problem (wrong current password, weak new one) */
    /** @return the account's new session epoch: the session that changed the password keeps going, every other one ends */
    public long changePassword(String username, char[] current, char[] next, String sourceIp, Long sessionEpoch) {
        AdminUser user = em.find(AdminUser.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (user == null || !passwords.verify(current, user.getPasswordHash())) {
            throw SesameException.invalid("currentPassword", "is not your current password");
        }
        if (sessionEpoch == null || sessionEpoch != user.getSessionEpoch()) {
            // the account changed since this session signed in (roles, disabled): it may not carry on under a new epoch
            throw SesameException.conflict("session_outdated", "Your account changed since you signed in; sign in again");
        }
        String weakness = LoginThrottle.weakness(username, next);
        if (weakness != null) {
            throw SesameException.invalid("newPassword", weakness);
        }
        user.changePassword(passwords.hash(next));
        audit.record(username, "admin.password-changed", "admin-user", username, "password changed; other sessions end", sourceIp, null);
        return user.getSessionEpoch();
    }

    /** A new portal user with a generated first password, returned once (the user changes it after signing in). */
    public String create(String username, Set<AdminRole> roles, Actor actor) {
        actor.require(Permission.MANAGE_PORTAL_USERS);
        String name = checkCreate(username, roles, actor);
        fourEyes.gates().require(FourEyesGates.Gate.CREATE_USER, actor);
        String password = Ids.secret(random, 20);
        AdminUser created = new AdminUser(name, passwords.hash(password.toCharArray()), roles, Instant.now());
        created.createdBy(actor.provenance());
        em.persist(created);
        audit.record(actor.name(), "admin-user.created", "admin-user", name, "roles " + roles, null, null);
        return password;
    }

    /** Everything {@link #create} checks except four-eyes, without creating: returns the user name as it will be stored. */
    public String checkCreate(String username, Set<AdminRole> roles, Actor actor) {
        actor.require(Permission.MANAGE_PORTAL_USERS);
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._@-]{2,100}")) {
            throw SesameException.invalid("username", "2-100 letters, digits, '.', '_', '@' or '-'");
        }
        if (roles == null || roles.isEmpty()) {
            throw SesameException.invalid("roles", "choose at least one of admin, reviewer, auditor");
        }
        if (em.find(AdminUser.class, name) != null) {
            throw SesameException.conflict("user_exists", "A user named '" + name + "' exists already");
        }
        return name;
    }

    /** New roles for an account; making it stronger needs four-eyes when the elevate-user gate is on. */
    public AdminUser setRoles(String username, Set<AdminRole> roles, Actor actor) {
        actor.require(Permission.MANAGE_PORTAL_USERS);
        AdminUser user = require(username);
        if (checkRoles(user, roles)) {
            fourEyes.gates().require(FourEyesGates.Gate.ELEVATE_USER, actor);
        }
        user.setRoles(roles, actor.provenance());
        audit.record(actor.name(), "admin-user.roles-changed", "admin-user", username, "roles " + roles, null, null);
        return user;
    }

    /**
     * Everything {@link #setRoles} checks except four-eyes, without changing anything.
     *
     * @return whether the account becomes stronger than it was (an elevation: roles nest, admin over reviewer over auditor)
     */
    public boolean checkRoles(String username, Set<AdminRole> roles, Actor actor) {
        actor.require(Permission.MANAGE_PORTAL_USERS);
        AdminUser user = username == null ? null : em.find(AdminUser.class, username);
        if (user == null) {
            throw SesameException.notFound("user", username);
        }
        return checkRoles(user, roles);
    }

    private boolean checkRoles(AdminUser user, Set<AdminRole> roles) {
        if (roles == null || roles.isEmpty()) {
            throw SesameException.invalid("roles", "choose at least one of admin, reviewer, auditor");
        }
        if (!roles.contains(AdminRole.admin) && user.getRoles().contains(AdminRole.admin) && activeAdmins() <= 1) {
            throw SesameException.conflict("last_admin", "Sesame needs at least one active admin");
        }
        return strongest(roles) < strongest(user.getRoles());
    }

    /** Roles nest (admin does all a reviewer does, a reviewer all an auditor does): an account is as strong as its first role. */
    private static int strongest(Set<AdminRole> roles) {
        return roles.stream().mapToInt(Enum::ordinal).min().orElse(Integer.MAX_VALUE);
    }

    public AdminUser setActive(String username, boolean active, Actor actor) {
        actor.require(Permission.MANAGE_PORTAL_USERS);
        AdminUser user = require(username);
        if (active) {
            user.enable();
            LOCKOUTS.clear(username);
        } else {
            if (actor.name().equals("portal:" + username)) {
                throw SesameException.conflict("self_disable", "You cannot disable your own account");
            }
            if (user.getRoles().contains(AdminRole.admin) && user.isActive() && activeAdmins() <= 1) {
                throw SesameException.conflict("last_admin", "Sesame needs at least one active admin");
            }
            user.disable();
        }
        audit.record(actor.name(), active ? "admin-user.enabled" : "admin-user.disabled", "admin-user", username,
                active ? "enabled (and unlocked)" : "disabled", null, null);
        return user;
    }

    private long activeAdmins() {
        return list().stream().filter(u -> u.isActive() && u.getRoles().contains(AdminRole.admin)).count();
    }

    private AdminUser require(String username) {
        AdminUser user = username == null ? null : em.find(AdminUser.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw SesameException.notFound("user", username);
        }
        return user;
    }

    public List<AdminUser> list() {
        return em.createQuery("select u from AdminUser u order by u.username", AdminUser.class).getResultList();
    }

    @PostConstruct
    void prepareDummyHash() {
        dummyHash(); // before any sign-in asks
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = passwords.hash("not-a-real-password-only-equalises-timing".toCharArray());
            dummyHash = hash;
        }
        return hash;
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 100 ? s.substring(0, 100) : s;
    }
}
