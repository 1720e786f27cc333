package io.sesame.policy.control;

import static io.sesame.policy.control.PolicyEngineTest.scope;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopedListingsTest {

    @Test
    void an_unrestricted_key_sees_every_listed_item() {
        assertThat(ScopedListings.showsSuppressed(ResourceScope.UNRESTRICTED, "a@anything.org")).isTrue();
        assertThat(ScopedListings.showsIdentity(ResourceScope.UNRESTRICTED, "anything.org")).isTrue();
        assertThat(ScopedListings.showsIdentity(ResourceScope.UNRESTRICTED, "a@anything.org")).isTrue();
    }

    @Test
    void suppressed_addresses_follow_the_recipient_domain_rules() {
        ResourceScope s = scope("{'recipientDomainsAllow':['example.com'],'recipientDomainsDeny':['blocked.example.com']}");
        assertThat(List.of("a@example.com", "b@Sub.Example.com", "c@blocked.example.com", "d@deeper.blocked.example.com",
                "e@other.org", "f@notexample.com"))
                .filteredOn(address -> ScopedListings.showsSuppressed(s, address))
                .containsExactly("a@example.com", "b@Sub.Example.com");
    }

    @Test
    void a_deny_list_alone_hides_only_its_domains() {
        ResourceScope s = scope("{'recipientDomainsDeny':['blocked.com']}");
        assertThat(ScopedListings.showsSuppressed(s, "x@blocked.com")).isFalse();
        assertThat(ScopedListings.showsSuppressed(s, "x@fine.com")).isTrue();
        assertThat(ScopedListings.showsSuppressed(s, "not-an-address")).as("only an unrestricted key sees oddities").isFalse();
    }

    @Test
    void an_empty_allow_list_shows_nothing() {
        ResourceScope s = scope("{'recipientDomainsAllow':[],'fromAddresses':[]}");
        assertThat(ScopedListings.showsSuppressed(s, "a@example.com")).isFalse();
        assertThat(ScopedListings.showsIdentity(s, "example.com")).isFalse();
        assertThat(ScopedListings.showsIdentity(s, "a@example.com")).isFalse();
    }

    @Test
    void email_identities_are_shown_when_a_from_pattern_allows_the_address() {
        ResourceScope s = scope("{'fromAddresses':['noreply@example.com','@example.org','*.example.net']}");
        assertThat(List.of("noreply@example.com", "other@example.com", "anyone@EXAMPLE.org", "x@mail.example.net",
                "x@example.net", "x@elsewhere.com"))
                .filteredOn(identity -> ScopedListings.showsIdentity(s, identity))
                .containsExactly("noreply@example.com", "anyone@EXAMPLE.org", "x@mail.example.net");
    }

    @Test
    void domain_identities_are_shown_when_a_from_pattern_allows_addresses_in_that_domain() {
        ResourceScope s = scope("{'fromAddresses':['noreply@example.com','@example.org','*.example.net']}");
        assertThat(List.of("example.com", "Example.ORG", "mail.example.net", "a.b.example.net", "example.net",
                "sub.example.com", "sub.example.org", "elsewhere.com"))
                .filteredOn(identity -> ScopedListings.showsIdentity(s, identity))
                .as("*.example.net covers its subdomains, not example.net itself")
                .containsExactly("example.com", "Example.ORG", "mail.example.net", "a.b.example.net");
    }
}
