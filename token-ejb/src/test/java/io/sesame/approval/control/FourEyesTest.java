package io.sesame.approval.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.approval.control.FourEyes.Origin;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FourEyesTest {

    private final Map<String, Origin> origins = new HashMap<>();
    private final Function<String, Origin> origin = p -> origins.getOrDefault(p, Origin.ROOT);

    private void account(String principal, String createdBy, String... elevatedBy) {
        origins.put(principal, new Origin(createdBy, Arrays.asList(elevatedBy), false));
    }

    private void key(String principal, String createdBy, String... policyAuthors) {
        origins.put(principal, new Origin(createdBy, Arrays.asList(policyAuthors), true));
    }

    @Test
    void the_requester_may_not_approve_whatever_is_written_beside_the_name() {
        assertThat(FourEyes.refusal("portal:ann", "portal:ann", null, origin)).contains("You requested");
        assertThat(FourEyes.refusal("portal:ann", "portal:ann (approving request 7)", null, origin)).contains("You requested");
    }

    @Test
    void two_roots_are_two_people() {
        account("portal:ann", null);
        account("portal:bob", "system:bootstrap");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", null, origin)).isNull();
        assertThat(FourEyes.refusal("portal:bob", "portal:ann", null, origin)).isNull();
    }

    @Test
    void a_key_is_its_makers_in_either_direction_and_through_keys_that_made_keys() {
        key("key:K1", "portal:ann (approved by portal:bob, request 3)", "portal:ann");
        assertThat(FourEyes.refusal("key:K1", "portal:ann", null, origin)).contains("are portal:ann's");
        assertThat(FourEyes.refusal("portal:ann", "key:K1", null, origin)).contains("are portal:ann's");
        key("key:K2", "key:K1");
        assertThat(FourEyes.refusal("key:K2", "key:K1", null, origin)).contains("are portal:ann's");
        assertThat(FourEyes.refusal("key:K2", "portal:bob", null, origin)).isNull();
    }

    @Test
    void an_account_someone_created_is_never_independent_of_them_whatever_its_password() {
        account("portal:ann", null);
        account("portal:s", "portal:ann");
        assertThat(FourEyes.refusal("portal:s", "portal:ann", null, origin)).as("the creator approving its creation").contains("portal:ann made portal:s");
        assertThat(FourEyes.refusal("portal:ann", "portal:s", null, origin)).as("the creation approving its creator").contains("created or elevated");
        account("portal:t", "portal:s");
        assertThat(FourEyes.refusal("portal:ann", "portal:t", null, origin)).as("through a second step").contains("created or elevated");
        account("portal:u", "portal:ann");
        assertThat(FourEyes.refusal("portal:s", "portal:u", null, origin)).as("siblings share their maker").contains("made both");
    }

    @Test
    void elevating_someone_ties_them_to_the_elevator() {
        account("portal:ann", null);
        account("portal:bob", null, "portal:ann (approved by portal:carol, request 9)");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", null, origin)).contains("created or elevated");
        key("key:KB", "portal:bob", "portal:ann");
        assertThat(FourEyes.refusal("portal:ann", "key:KB", null, origin)).as("ann widened bob's key").contains("created or elevated");
    }

    @Test
    void the_subject_of_a_request_its_holder_or_its_maker_may_not_approve_it() {
        account("portal:ann", null);
        account("portal:bob", null);
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", "portal:bob", origin)).contains("about you");
        key("key:KB", "portal:bob");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", "key:KB", origin)).as("bob's own key").contains("about you");
        account("portal:carol", "portal:bob");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", "portal:carol", origin)).as("bob made carol").contains("about you");
    }

    @Test
    void accounts_whose_maker_is_unknown_share_that_unknown_maker_and_approve_nothing_for_each_other() {
        account("portal:old1", "legacy:unknown-maker");
        account("portal:old2", "legacy:unknown-maker");
        assertThat(FourEyes.refusal("portal:old1", "portal:old2", null, origin)).contains("made both");
        account("portal:root", "system:bootstrap");
        assertThat(FourEyes.refusal("portal:old1", "portal:root", null, origin)).as("a root is independent of them").isNull();
    }

    @Test
    void loops_and_overlong_provenance_are_refused_not_trusted() {
        key("key:X", "key:Y");
        key("key:Y", "key:X");
        assertThat(FourEyes.refusal("portal:ann", "key:X", null, origin)).contains("too long");
        for (int i = 0; i < 100; i++) {
            account("portal:u" + i, "portal:u" + (i + 1));
        }
        assertThat(FourEyes.refusal("portal:ann", "portal:u0", null, origin)).contains("too long");
    }
}
