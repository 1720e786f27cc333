package io.sesame.approval.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FourEyesTest {

    @Test
    void the_requester_may_not_approve_nor_an_account_they_created_or_elevated() {
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", "system:bootstrap", null)).isNull();
        assertThat(FourEyes.refusal("portal:ann", "portal:ann", null, null)).contains("You requested");
        assertThat(FourEyes.refusal("portal:ann", "portal:ann (approving request 7)", null, null))
                .as("the same person, whatever reason is recorded beside the name").contains("You requested");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", "portal:ann", null)).contains("created your account");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", "portal:carol", "portal:ann (approved by dan, request 3)"))
                .contains("gave your account its roles");
        assertThat(FourEyes.refusal("portal:ann", "portal:bob", "portal:carol", "portal:carol")).isNull();
    }
}
