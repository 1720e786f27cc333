package io.sesame.policy.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void action_names_are_unique_and_iam_shaped() {
        assertThat(new HashSet<>(Arrays.stream(Permission.values()).map(Permission::action).toList()))
                .hasSize(Permission.values().length);
        for (Permission p : Permission.values()) {
            assertThat(p.action()).matches("(ses|sesame):[A-Z][A-Za-z]+");
            assertThat(Permission.byAction(p.action())).contains(p);
        }
        assertThat(Permission.byAction("ses:Nope")).isEmpty();
    }

    @Test
    void ses_actions_name_their_operation() {
        assertThat(Permission.SEND_EMAIL.sesOperation()).contains("SendEmail");
        assertThat(Permission.MANAGE_KEYS.sesOperation()).isEmpty();
        assertThat(Permission.SEND_EMAIL.takesRecipients()).isTrue();
        assertThat(Permission.GET_ACCOUNT.takesRecipients()).isFalse();
    }

    @Test
    void actions_render_sorted_and_space_separated() {
        assertThat(Permission.actions(EnumSet.of(Permission.READ_AUDIT, Permission.SEND_EMAIL)))
                .isEqualTo("ses:SendEmail sesame:ReadAudit");
        assertThat(Permission.administration()).allMatch(p -> !p.isSesAction());
    }
}
