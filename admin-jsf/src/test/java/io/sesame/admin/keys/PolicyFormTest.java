package io.sesame.admin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.Permission;
import io.sesame.policy.control.PolicyViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFormTest {

    @Test
    void ticked_permissions_and_scope_lines_become_the_same_policy_the_api_would_build() {
        PolicyForm form = new PolicyForm();
        form.getSelected().put("SENDING", new String[] {"ses:SendEmail"}); // Faces may store an array
        form.getSelected().put("ACCOUNT", List.of("ses:GetAccount"));
        form.setFromAddresses("noreply@shop.example.com\n@news.example.com\n");
        form.setRecipientDomainsDeny("competitor.example, ");
        form.setMaxRecipients(" 10 ");
        form.setRatePerSecond("2.5");
        form.setCoarseCredentials(true);
        AccessPolicy policy = form.toPolicy();
        assertThat(policy.scope().allowsCoarseCredentials()).as("the opt-in survives an edit in the portal").isTrue();
        assertThat(policy.permissions()).containsExactlyInAnyOrder(Permission.SEND_EMAIL, Permission.GET_ACCOUNT);
        assertThat(policy.scope().fromAddresses()).hasSize(2);
        assertThat(policy.scope().recipientDomainsDeny()).containsExactly("competitor.example");
        assertThat(policy.scope().maxRecipients()).isEqualTo(10);
        assertThat(policy.scope().ratePerSecond()).isEqualTo(2.5);

        PolicyForm again = PolicyForm.of(policy);
        assertThat(again.actions(Permission.Area.SENDING)).containsExactly("ses:SendEmail");
        assertThat(again.getFromAddresses()).isEqualTo("noreply@shop.example.com\n@news.example.com");
        assertThat(again.toPolicy()).isEqualTo(policy);
    }

    @Test
    void bad_fields_are_named_like_the_api_names_them() {
        PolicyForm form = new PolicyForm();
        form.setMaxRecipients("ten");
        assertThatThrownBy(form::toPolicy).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy.scope.maxRecipients: a whole number");
        form.setMaxRecipients("");
        form.setFromAddresses("not an address");
        assertThatThrownBy(form::toPolicy).isInstanceOf(PolicyViolation.class).hasMessageContaining("fromAddresses");
    }
}
