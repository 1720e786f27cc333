package io.sesame.approval.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FourEyesTest {

    private final Map<String, List<String>> makers = new HashMap<>();
    private final Function<String, List<String>> makersOf = p -> makers.getOrDefault(p, List.of());

    private void made(String principal, String... by) {
        makers.put(principal, Arrays.asList(by));
    }

    @Test
    void the_requester_may_not_approve_nor_an_account_they_created_or_elevated() {
        made("portal:bob", "system:bootstrap", null);
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", null, makersOf)).isNull();
        assertThat(FourEyes.refusal("portal:ann", "portal:ann", null, makersOf)).contains("You requested");
        assertThat(FourEyes.refusal("portal:ann", "portal:ann (approving request 7)", null, makersOf))
                .as("the same person, whatever reason is recorded beside the name").contains("You requested");

        made("portal:bob", "portal:ann", null);
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", null, makersOf)).contains("created or elevated your account");
        made("portal:bob", "portal:carol", "portal:ann (approved by portal:dan, request 3)");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", null, makersOf)).as("elevated through an approval: still ann's doing")
                .contains("portal:ann created or elevated your account");
        made("portal:bob", "portal:carol", "portal:carol");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", null, makersOf)).isNull();
    }

    @Test
    void a_chain_of_second_accounts_is_still_one_person() {
        made("portal:b", "portal:a");
        made("portal:c", "portal:b");
        made("key:K3", "portal:c (issuing for the shop)");
        assertThat(FourEyes.refusal("portal:a", "portal:c", null, makersOf)).contains("portal:a created or elevated portal:b");
        assertThat(FourEyes.refusal("portal:a", "key:K3", null, makersOf)).as("a key made by a puppet account").contains("portal:a");
        assertThat(FourEyes.refusal("portal:b", "key:K3", null, makersOf)).contains("portal:b");
        assertThat(FourEyes.refusal("portal:c", "portal:a", null, makersOf)).as("the maker may approve what its creation asks").isNull();
    }

    @Test
    void the_subject_of_a_request_may_not_approve_it() {
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", "portal:bob", makersOf)).contains("about you");
        assertThat(FourEyes.refusal("key:K1", "key:K2", "key:K2", makersOf)).contains("about you");
    }

    @Test
    void cycles_end_and_overlong_provenance_is_refused_not_trusted() {
        made("portal:x", "portal:y");
        made("portal:y", "portal:x");
        assertThat(FourEyes.refusal("portal:ann", "portal:x", null, makersOf)).isNull();

        for (int i = 0; i < 100; i++) {
            made("portal:u" + i, "portal:u" + (i + 1));
        }
        assertThat(FourEyes.refusal("portal:ann", "portal:u0", null, makersOf)).contains("too long");
    }
}
