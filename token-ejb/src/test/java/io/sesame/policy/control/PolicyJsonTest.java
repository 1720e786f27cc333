package io.sesame.policy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PolicyJsonTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    @Test
    void parses_the_documented_shape_and_round_trips() {
        AccessPolicy policy = PolicyJson.parse(json("{'permissions':['ses:SendEmail','ses:GetAccount'],'scope':{"
                + "'fromAddresses':['noreply@example.com','@example.org','*.example.net'],'fromDisplayNames':['Acme'],"
                + "'templates':['welcome'],'configurationSet':'transactional','recipientDomainsAllow':['example.com'],"
                + "'recipientDomainsDeny':['@blocked.example'],'maxRecipients':50,'ratePerSecond':10,'dailyQuota':10000,"
                + "'ipAllow':['10.0.0.0/8','2001:db8::/32'],'tokenTtlSeconds':300}}"));
        assertThat(policy.permissions()).containsExactlyInAnyOrder(Permission.SEND_EMAIL, Permission.GET_ACCOUNT);
        ResourceScope scope = policy.scope();
        assertThat(scope.fromAddresses()).extracting(AddressPattern::kind).containsExactly(
                AddressPattern.Kind.ADDRESS, AddressPattern.Kind.DOMAIN, AddressPattern.Kind.SUBDOMAINS);
        assertThat(scope.recipientDomainsDeny()).containsExactly("blocked.example");
        assertThat(scope.maxRecipients()).isEqualTo(50);
        assertThat(scope.ratePerSecond()).isEqualTo(10.0);
        assertThat(scope.dailyQuota()).isEqualTo(10_000L);

        JsonObject out = PolicyJson.toJson(policy);
        AccessPolicy again = PolicyJson.parse(out);
        assertThat(PolicyJson.toJson(again)).isEqualTo(out);
        assertThat(PolicyJson.parse("ses:SendEmail ses:GetAccount", PolicyJson.scopeToJson(scope).toString()))
                .isEqualTo(again);
    }

    @Test
    void absent_means_unrestricted_and_empty_means_nothing() {
        AccessPolicy open = PolicyJson.parse(json("{'permissions':['ses:SendEmail']}"));
        assertThat(open.scope()).isEqualTo(ResourceScope.UNRESTRICTED);
        assertThat(open.scope().allowsClientIp("203.0.113.9")).isTrue();

        AccessPolicy closed = PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'ipAllow':[],'templates':[]}}"));
        assertThat(closed.scope().ipAllow()).isEmpty();
        assertThat(closed.scope().allowsClientIp("127.0.0.1")).isFalse();
        assertThat(closed.scope().templates()).isEmpty();
        assertThat(PolicyJson.scopeToJson(closed.scope()).toString()).contains("\"ipAllow\":[]");
    }

    @Test
    void the_portals_own_administration_is_never_granted_to_a_key() {
        // the permission to create portal admins stays with portal admins: a key manager cannot mint a key holding it
        assertThatThrownBy(() -> PolicyJson.parse(json("{'permissions':['ses:SendEmail','sesame:ManagePortalUsers']}")))
                .isInstanceOf(PolicyViolation.class).hasMessageContaining("policy.permissions")
                .hasMessageContaining("portal admins only");
        assertThatThrownBy(() -> new AccessPolicy(java.util.Set.of(Permission.MANAGE_PORTAL_USERS), ResourceScope.UNRESTRICTED))
                .isInstanceOf(PolicyViolation.class);
        assertThat(Permission.MANAGE_PORTAL_USERS.grantableToKeys()).isFalse();
        assertThat(Permission.administration()).allMatch(Permission::grantableToKeys);
    }

    @Test
    void every_bad_field_is_named() {
        assertBad("{'scope':{}}", "policy.permissions");
        assertBad("{'permissions':['ses:Nope']}", "unknown action 'ses:Nope'");
        assertBad("{'permissions':[],'extra':1}", "policy.extra");
        assertBad("{'permissions':[],'scope':{'colour':'red'}}", "policy.scope.colour");
        assertBad("{'permissions':[],'scope':{'fromAddresses':['not an address']}}", "policy.scope.fromAddresses[0]");
        assertBad("{'permissions':[],'scope':{'fromAddresses':'a@b.com'}}", "must be an array");
        assertBad("{'permissions':[],'scope':{'maxRecipients':51}}", "between 1 and 50");
        assertBad("{'permissions':[],'scope':{'maxRecipients':2.5}}", "whole number");
        assertBad("{'permissions':[],'scope':{'ratePerSecond':0}}", "greater than 0");
        assertBad("{'permissions':[],'scope':{'ipAllow':['10.0.0.0/33']}}", "policy.scope.ipAllow[0]");
        assertBad("{'permissions':[],'scope':{'ipAllow':['example.com']}}", "not an IP address literal");
        assertBad("{'permissions':[],'scope':{'tokenTtlSeconds':43201}}", "between 60 and 43200");
        assertBad("{'permissions':[],'scope':{'configurationSet':'a b'}}", "not a valid SES name");
        assertBad("{'permissions':[],'scope':{'fromDisplayNames':['Acme\\nBcc: x']}}", "control characters");
        assertBad("{'permissions':[],'scope':{'recipientDomainsAllow':['-bad-.com']}}", "valid domain");
    }

    private static void assertBad(String policy, String message) {
        assertThatThrownBy(() -> PolicyJson.parse(json(policy))).isInstanceOf(PolicyViolation.class)
                .hasMessageContaining(message);
    }

    @Test
    void down_scoping_grants_only_held_permissions() {
        AccessPolicy policy = PolicyJson.parse(json("{'permissions':['ses:SendEmail','ses:GetAccount']}"));
        assertThat(policy.downScope(null)).isEqualTo(policy.permissions());
        assertThat(policy.downScope("  ")).isEqualTo(policy.permissions());
        assertThat(policy.downScope("ses:SendEmail")).containsExactly(Permission.SEND_EMAIL);
        assertThat(policy.downScope("ses:GetAccount  ses:SendEmail")).hasSize(2);
        assertThatThrownBy(() -> policy.downScope("ses:SendEmail sesame:ManageKeys"))
                .isInstanceOf(ScopeNotGrantedException.class).hasMessageContaining("does not hold 'sesame:ManageKeys'");
        assertThatThrownBy(() -> policy.downScope("ses:Bogus")).hasMessageContaining("unknown action");
    }

    @Test
    void widening_is_detected_in_every_dimension() {
        AccessPolicy base = PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'fromAddresses':['@a.com'],"
                + "'maxRecipients':10,'recipientDomainsDeny':['x.com'],'ipAllow':['10.0.0.0/8']}}"));
        assertThat(base.widens(base)).isFalse();
        assertThat(widened(base, "{'permissions':['ses:SendEmail','ses:GetAccount'],'scope':{'fromAddresses':['@a.com'],'maxRecipients':10,'recipientDomainsDeny':['x.com'],'ipAllow':['10.0.0.0/8']}}")).isTrue();
        assertThat(widened(base, "{'permissions':['ses:SendEmail'],'scope':{'maxRecipients':10,'recipientDomainsDeny':['x.com'],'ipAllow':['10.0.0.0/8']}}")).isTrue();
        assertThat(widened(base, "{'permissions':['ses:SendEmail'],'scope':{'fromAddresses':['@a.com'],'maxRecipients':20,'recipientDomainsDeny':['x.com'],'ipAllow':['10.0.0.0/8']}}")).isTrue();
        assertThat(widened(base, "{'permissions':['ses:SendEmail'],'scope':{'fromAddresses':['@a.com'],'maxRecipients':10,'ipAllow':['10.0.0.0/8']}}")).isTrue();
        assertThat(widened(base, "{'permissions':[],'scope':{'fromAddresses':[],'maxRecipients':5,'recipientDomainsDeny':['x.com','y.com'],'ipAllow':['10.0.0.0/8']}}")).isFalse();
    }

    @Test
    void dropping_or_raising_the_recipient_quota_or_the_reply_to_scope_widens() {
        AccessPolicy base = PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'dailyRecipientQuota':100,"
                + "'replyToAddresses':['help@a.com']}}"));
        assertThat(base.widens(base)).isFalse();
        assertThat(widened(base, "{'permissions':['ses:SendEmail'],'scope':{'replyToAddresses':['help@a.com']}}")).isTrue();
        assertThat(widened(base, "{'permissions':['ses:SendEmail'],'scope':{'dailyRecipientQuota':101,'replyToAddresses':['help@a.com']}}")).isTrue();
        assertThat(widened(base, "{'permissions':['ses:SendEmail'],'scope':{'dailyRecipientQuota':100}}")).isTrue();
        assertThat(widened(base, "{'permissions':['ses:SendEmail'],'scope':{'dailyRecipientQuota':100,'replyToAddresses':['@a.com']}}")).isTrue();
        assertThat(widened(base, "{'permissions':['ses:SendEmail'],'scope':{'dailyRecipientQuota':50,'replyToAddresses':[]}}")).isFalse();
    }

    @Test
    void setting_a_token_lifetime_where_the_default_applied_widens_since_the_default_is_not_known_here() {
        AccessPolicy defaulted = PolicyJson.parse(json("{'permissions':['ses:SendEmail']}"));
        assertThat(widened(defaulted, "{'permissions':['ses:SendEmail'],'scope':{'tokenTtlSeconds':43200}}")).isTrue();
        AccessPolicy fiveMinutes = PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'tokenTtlSeconds':300}}"));
        assertThat(widened(fiveMinutes, "{'permissions':['ses:SendEmail']}")).as("back to a default that may be longer").isTrue();
        assertThat(widened(fiveMinutes, "{'permissions':['ses:SendEmail'],'scope':{'tokenTtlSeconds':60}}")).isFalse();
        assertThat(widened(fiveMinutes, "{'permissions':['ses:SendEmail'],'scope':{'tokenTtlSeconds':600}}")).isTrue();
    }

    @Test
    void the_coarse_credentials_opt_in_is_a_strict_boolean_and_turning_it_on_widens() {
        for (String bad : new String[] {"'yes'", "1", "'true'", "[]", "{}"}) {
            assertThatThrownBy(() -> PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'coarseCredentials':" + bad + "}}")))
                    .as(bad).isInstanceOf(PolicyViolation.class).hasMessageContaining("policy.scope.coarseCredentials");
        }
        AccessPolicy off = PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'coarseCredentials':false}}"));
        assertThat(off.scope().allowsCoarseCredentials()).isFalse();
        assertThat(PolicyJson.scopeToJson(off.scope()).containsKey("coarseCredentials")).as("false is the default, not stored").isFalse();
        assertThat(widened(off, "{'permissions':['ses:SendEmail'],'scope':{'coarseCredentials':true}}")).isTrue();
        AccessPolicy on = PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'coarseCredentials':true}}"));
        assertThat(widened(on, "{'permissions':['ses:SendEmail']}")).as("taking it back narrows").isFalse();
    }

    @Test
    void the_dpop_requirement_is_a_strict_boolean_round_trips_and_lifting_it_widens() {
        for (String bad : new String[] {"'yes'", "1", "'true'", "[]", "{}"}) {
            assertThatThrownBy(() -> PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'requireDpop':" + bad + "}}")))
                    .as(bad).isInstanceOf(PolicyViolation.class).hasMessageContaining("policy.scope.requireDpop");
        }
        AccessPolicy required = PolicyJson.parse(json("{'permissions':['ses:SendEmail'],'scope':{'requireDpop':true}}"));
        assertThat(required.scope().requiresDpop()).isTrue();
        AccessPolicy back = PolicyJson.parse(Permission.actions(required.permissions()), PolicyJson.scopeToJson(required.scope()).toString());
        assertThat(back.scope().requiresDpop()).as("stored and read back").isTrue();
        assertThat(widened(required, "{'permissions':['ses:SendEmail']}")).as("lifting it lets bearer tokens through").isTrue();
        assertThat(widened(required, "{'permissions':['ses:SendEmail'],'scope':{'requireDpop':false}}")).isTrue();
        AccessPolicy optional = PolicyJson.parse(json("{'permissions':['ses:SendEmail']}"));
        assertThat(widened(optional, "{'permissions':['ses:SendEmail'],'scope':{'requireDpop':true}}")).as("requiring it narrows").isFalse();
    }

    private static boolean widened(AccessPolicy previous, String next) {
        return PolicyJson.parse(json(next)).widens(previous);
    }
}
