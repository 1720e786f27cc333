package io.sesame.access.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    void a_key_acts_with_its_granted_permissions_only() {
        Actor manager = Actor.key("KEY1", EnumSet.of(Permission.MANAGE_KEYS, Permission.SEND_EMAIL));
        assertThat(manager.name()).isEqualTo("key:KEY1");
        assertThat(manager.keyId()).isEqualTo("KEY1");
        manager.require(Permission.MANAGE_KEYS);
        assertThatThrownBy(() -> manager.require(Permission.MANAGE_APPLICATIONS)).isInstanceOfSatisfying(SesameException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
            assertThat(e.code()).isEqualTo("permission_missing");
            assertThat(e.getMessage()).contains("key:KEY1").contains("sesame:ManageApplications");
        });
    }

    @Test
    void reasons_are_recorded_beside_the_name_and_change_nothing_else() {
        Actor ann = Actor.portalUser("ann", EnumSet.of(Permission.MANAGE_KEYS)).because("approving request 7");
        assertThat(ann.name()).isEqualTo("portal:ann (approving request 7)");
        assertThat(ann.permissions()).containsExactly(Permission.MANAGE_KEYS);
        assertThat(Actor.system("alerts").permissions()).containsExactlyInAnyOrder(Permission.values());
        assertThat(Actor.portalUser("nobody", EnumSet.noneOf(Permission.class)).holds(Permission.READ_AUDIT)).isFalse();
    }

    @Test
    void sesames_own_permissions_need_manage_admins_and_administration_must_be_held() {
        Actor manager = Actor.key("KEY1", EnumSet.of(Permission.MANAGE_KEYS));
        // handing out SES actions is what a key manager is for; it need not send itself
        manager.requireMayGrant(Set.of(), Set.of(Permission.SEND_EMAIL, Permission.GET_ACCOUNT));
        assertThatThrownBy(() -> manager.requireMayGrant(Set.of(), Set.of(Permission.SEND_EMAIL, Permission.VEND_AWS_CREDENTIALS)))
                .isInstanceOfSatisfying(SesameException.class, e -> {
                    assertThat(e.code()).isEqualTo("grant_exceeds_actor");
                    assertThat(e.getMessage()).contains("may not grant sesame:VendAwsCredentials:");
                });
        // holding sesame:ManageKeys is not enough to hand it on
        assertThatThrownBy(() -> manager.requireMayGrant(Set.of(), Set.of(Permission.MANAGE_KEYS)))
                .isInstanceOfSatisfying(SesameException.class, e -> assertThat(e.getMessage()).contains("sesame:ManageKeys"));
        // narrowing, or keeping what a key already had, grants nothing
        manager.requireMayGrant(Set.of(Permission.READ_AUDIT, Permission.GET_ACCOUNT), Set.of(Permission.READ_AUDIT));

        Actor admin = Actor.key("KEY2", EnumSet.of(Permission.MANAGE_KEYS, Permission.MANAGE_ADMINS, Permission.READ_AUDIT));
        admin.requireMayGrant(Set.of(), Set.of(Permission.MANAGE_KEYS, Permission.READ_AUDIT, Permission.VEND_AWS_CREDENTIALS));
        assertThatThrownBy(() -> admin.requireMayGrant(Set.of(), Set.of(Permission.MANAGE_MONITORING)))
                .as("an administrative permission it does not hold").isInstanceOf(SesameException.class);
    }
}
