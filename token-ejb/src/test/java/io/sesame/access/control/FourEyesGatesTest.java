package io.sesame.access.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sesame.access.control.FourEyesGates.Gate;
import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.Permission;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FourEyesGatesTest {

    private final Actor ann = Actor.portalUser("ann", EnumSet.of(Permission.MANAGE_KEYS));

    @Test
    void the_setting_reads_false_true_all_or_a_list_and_names_what_it_does_not_know() {
        assertThat(FourEyesGates.parse("false").gates()).isEmpty();
        assertThat(FourEyesGates.parse(null).gates()).isEmpty();
        assertThat(FourEyesGates.parse(" TRUE ").gates()).containsExactlyInAnyOrder(Gate.ISSUE_KEY, Gate.WIDEN_POLICY);
        assertThat(FourEyesGates.parse("all").gates()).containsExactlyInAnyOrder(Gate.values());
        assertThat(FourEyesGates.parse("create-user, elevate-user").gates()).containsExactlyInAnyOrder(Gate.CREATE_USER, Gate.ELEVATE_USER);
        assertThat(FourEyesGates.parse("elevate-user,issue-key").describe()).isEqualTo("issue-key,elevate-user");
        assertThatThrownBy(() -> FourEyesGates.parse("issue-key,widen")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'widen'").hasMessageContaining("widen-policy");
        assertThatThrownBy(() -> FourEyesGates.parse("issue-key,")).as("an empty item is a typo, not nothing")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FourEyesGates.parse("yes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_gated_change_needs_an_approval_unless_sesame_itself_acts() {
        FourEyesGates gates = FourEyesGates.parse("issue-key");
        assertThatThrownBy(() -> gates.require(Gate.ISSUE_KEY, ann)).isInstanceOf(SesameException.class)
                .hasMessageContaining("issuing a key").extracting(e -> ((SesameException) e).code()).isEqualTo("approval_required");
        gates.require(Gate.WIDEN_POLICY, ann); // not gated
        gates.require(Gate.ISSUE_KEY, ann.carrying(new Actor.Approval(7, "portal:bob", "portal:carol")));
        gates.require(Gate.ISSUE_KEY, Actor.system("expiry"));
        assertThat(gates.mustAsk(Gate.ISSUE_KEY, ann.because("a reason"))).as("a reason is not an approval").isTrue();
    }

    @Test
    void an_approved_change_is_accountable_to_its_requester() {
        Actor approving = Actor.portalUser("carol", Set.of()).because("approving request 7 by portal:bob")
                .carrying(new Actor.Approval(7, "portal:bob", "portal:carol (approving request 7 by portal:bob)"));
        assertThat(approving.provenance()).startsWith("portal:bob (approved by portal:carol");
        assertThat(ann.provenance()).isEqualTo("portal:ann");
        assertThat(approving.provenance()).isEqualTo("portal:bob (approved by portal:carol, request 7)");
        assertThat(approving.because("x").approval()).as("a reason keeps the approval").isNotNull();
        String longName = "portal:" + "u".repeat(100);
        Actor nested = Actor.portalUser("u".repeat(100), Set.of()).because("approving request 123456 by " + longName)
                .carrying(new Actor.Approval(123456, longName, longName + " (approving request 123456 by " + longName + ")"));
        assertThat(nested.name()).hasSizeLessThanOrEqualTo(200).startsWith(longName + " (");
        assertThat(nested.provenance()).hasSizeLessThanOrEqualTo(200).startsWith(longName + " (approved by ");
    }
}
