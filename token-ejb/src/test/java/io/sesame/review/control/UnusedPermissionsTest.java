package io.sesame.review.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.ResourceScope;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnusedPermissionsTest {

    private final AccessPolicy policy = new AccessPolicy(EnumSet.of(Permission.SEND_EMAIL, Permission.SEND_BULK_EMAIL,
            Permission.GET_ACCOUNT, Permission.READ_AUDIT), ResourceScope.UNRESTRICTED);

    @Test
    void ses_permissions_not_seen_in_the_audit_are_unused_and_sesame_ones_are_not_judged() {
        assertThat(UnusedPermissions.unused(policy.permissions(), Set.of("ses:SendEmail")))
                .containsExactlyInAnyOrder(Permission.SEND_BULK_EMAIL, Permission.GET_ACCOUNT);
    }

    @Test
    void reducing_keeps_what_was_used_and_the_scope() {
        AccessPolicy reduced = UnusedPermissions.reduceToUsed(policy, Set.of("ses:SendEmail", "ses:GetAccount"));
        assertThat(reduced.permissions()).containsExactlyInAnyOrder(Permission.SEND_EMAIL, Permission.GET_ACCOUNT, Permission.READ_AUDIT);
        assertThat(reduced.scope()).isSameAs(policy.scope());
        assertThat(reduced.widens(policy)).as("a reduction never widens").isFalse();
    }

    @Test
    void nothing_used_means_revoke_not_reduce() {
        AccessPolicy sesOnly = new AccessPolicy(EnumSet.of(Permission.SEND_EMAIL), ResourceScope.UNRESTRICTED);
        assertThat(UnusedPermissions.reduceToUsed(sesOnly, Set.of())).isNull();
    }
}
