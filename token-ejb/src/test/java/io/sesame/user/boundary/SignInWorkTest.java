package io.sesame.user.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.audit.boundary.LifecycleAudit;
import io.sesame.audit.entity.LifecycleEvent;
import io.sesame.user.control.LoginThrottle;
import io.sesame.user.entity.AdminRole;
import io.sesame.user.entity.AdminUser;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in gives nothing away by its timing: every path — unknown user, locked-out address, disabled account, wrong or
 * right password — does exactly one password check (the PBKDF2 work) before it decides; and one address's failures
 * lock out only that address.
 */
class SignInWorkTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final Map<String, AdminUser> users = new HashMap<>();
    private AdminAccounts accounts;

    @BeforeEach
    void wire() {
        AdminAccounts.LOCKOUTS.clear("ann");
        AdminAccounts.LOCKOUTS.clear("bob");
        users.put("ann", new AdminUser("ann", "hash-of:right", Set.of(AdminRole.admin), Instant.now()));
        AdminUser bob = new AdminUser("bob", "hash-of:right", Set.of(AdminRole.admin), Instant.now());
        bob.disable();
        users.put("bob", bob);
        accounts = new AdminAccounts();
        accounts.passwords = new PasswordHashing() {
            @Override
            public String hash(char[] password) {
                return "hash-of:" + new String(password);
            }

            @Override
            public boolean verify(char[] password, String storedHash) {
                checks.incrementAndGet();
                return storedHash.equals("hash-of:" + new String(password));
            }
        };
        accounts.audit = new LifecycleAudit() {
            @Override
            public LifecycleEvent record(String actor, String action, String targetType, String targetId, String detail,
                                         String sourceIp, String requestId) {
                return null;
            }
        };
        accounts.em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> method.getName().equals("find") ? users.get((String) args[1]) : null);
    }

    private AdminAccounts.SignIn signIn(String user, String password, String address) {
        int before = checks.get();
        AdminAccounts.SignIn outcome = accounts.authenticate(user, password.toCharArray(), address);
        assertThat(checks.get() - before).as("password checks for %s from %s", user, address).isEqualTo(1);
        return outcome;
    }

    @Test
    void every_path_does_the_same_password_work_and_a_lockout_is_the_addresss_alone() {
        assertThat(signIn("nobody", "x", "10.0.0.1").refusal()).isEqualTo("unknown user");
        assertThat(signIn("bob", "right", "10.0.0.2").refusal()).startsWith("account");
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            assertThat(signIn("ann", "wrong", "10.0.0.3").refusal()).isEqualTo("wrong password");
        }
        assertThat(signIn("ann", "right", "10.0.0.3").refusal()).as("locked out, right password or not").startsWith("locked until");
        assertThat(signIn("ann", "right", "10.0.0.4").ok()).as("the owner from elsewhere").isTrue();
    }

    @Test
    void guessing_from_many_addresses_locks_the_account_itself_until_an_admin_unlocks_it() {
        int addresses = LoginThrottle.ACCOUNT_FREE_ATTEMPTS / LoginThrottle.FREE_ATTEMPTS;
        for (int a = 0; a < addresses; a++) {
            for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
                assertThat(signIn("ann", "wrong", "192.0.2." + a).refusal()).isEqualTo("wrong password");
            }
        }
        assertThat(users.get("ann").getLockedUntil()).as("the account-wide cap, in the database").isNotNull();
        assertThat(signIn("ann", "right", "198.51.100.1").refusal()).as("from a fresh address too").startsWith("locked until");
        accounts.setActive("ann", true, io.sesame.access.control.Actor.portalUser("root", java.util.EnumSet.allOf(io.sesame.policy.control.Permission.class)));
        assertThat(signIn("ann", "right", "192.0.2.0").ok()).as("unlocked, every address").isTrue();
    }
}
