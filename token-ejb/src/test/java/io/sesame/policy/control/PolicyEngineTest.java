package io.sesame.policy.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.platform.control.ErrorKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    static final Set<Permission> SEND = EnumSet.of(Permission.SEND_EMAIL);

    static ResourceScope scope(String json) {
        return PolicyJson.parse(PolicyJsonTest.json("{'permissions':[],'scope':" + json + "}")).scope();
    }

    static MessageFacts message(String from, String display, List<String> recipients, String template, String set) {
        return new MessageFacts(from, display, recipients, template, set);
    }

    static Decision decide(ResourceScope scope, MessageFacts m) {
        return PolicyEngine.evaluate(Permission.SEND_EMAIL, SEND, scope, m, "10.1.1.1", false);
    }

    static ReasonCode code(Decision d) {
        return d.allowed() ? null : d.primary().code();
    }

    @Test
    void unrestricted_scope_allows_and_keeps_the_requested_configuration_set() {
        Decision d = decide(ResourceScope.UNRESTRICTED, message("a@b.com", null, List.of("x@y.com"), null, "mine"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.configurationSet()).isEqualTo("mine");
    }

    @Test
    void permission_is_checked_first() {
        Decision d = PolicyEngine.evaluate(Permission.SEND_EMAIL, EnumSet.of(Permission.GET_ACCOUNT), ResourceScope.UNRESTRICTED,
                message("a@b.com", null, List.of("x@y.com"), null, null), "10.1.1.1", false);
        assertThat(code(d)).isEqualTo(ReasonCode.PERMISSION_MISSING);
    }

    @Test
    void from_address_and_display_name() {
        ResourceScope s = scope("{'fromAddresses':['noreply@example.com','@example.org','*.example.net'],'fromDisplayNames':['Acme']}");
        assertThat(decide(s, message("noreply@example.com", "Acme", List.of("x@y.com"), null, null)).allowed()).isTrue();
        assertThat(decide(s, message("anyone@example.org", "Acme", List.of("x@y.com"), null, null)).allowed()).isTrue();
        assertThat(decide(s, message("a@mail.example.net", "Acme", List.of("x@y.com"), null, null)).allowed()).isTrue();
        assertThat(code(decide(s, message("other@example.com", "Acme", List.of("x@y.com"), null, null)))).isEqualTo(ReasonCode.FROM_NOT_ALLOWED);
        assertThat(code(decide(s, message("a@example.net", "Acme", List.of("x@y.com"), null, null)))).isEqualTo(ReasonCode.FROM_NOT_ALLOWED);
        assertThat(code(decide(s, message("noreply@example.com", "Evil", List.of("x@y.com"), null, null))))
                .isEqualTo(ReasonCode.FROM_DISPLAY_NAME_NOT_ALLOWED);
        assertThat(code(decide(s, message("noreply@example.com", null, List.of("x@y.com"), null, null))))
                .isEqualTo(ReasonCode.FROM_DISPLAY_NAME_NOT_ALLOWED);
    }

    @Test
    void recipients_count_over_to_cc_bcc_and_domains_allow_and_deny() {
        ResourceScope s = scope("{'maxRecipients':2,'recipientDomainsAllow':['example.com'],'recipientDomainsDeny':['blocked.example.com']}");
        assertThat(decide(s, message("a@b.com", null, List.of("x@example.com", "y@sub.example.com"), null, null)).allowed()).isTrue();
        assertThat(code(decide(s, message("a@b.com", null, List.of("x@example.com", "y@example.com", "z@example.com"), null, null))))
                .isEqualTo(ReasonCode.TOO_MANY_RECIPIENTS);
        assertThat(code(decide(s, message("a@b.com", null, List.of("x@other.org"), null, null))))
                .isEqualTo(ReasonCode.RECIPIENT_DOMAIN_NOT_ALLOWED);
        Decision denied = decide(s, message("a@b.com", null, List.of("x@blocked.example.com"), null, null));
        assertThat(code(denied)).isEqualTo(ReasonCode.RECIPIENT_DOMAIN_DENIED);
        assertThat(denied.primary().detail()).contains("blocked.example.com");
        assertThat(code(decide(s, message("a@b.com", null, List.of(), null, null)))).isEqualTo(ReasonCode.NO_RECIPIENTS);
        assertThat(code(decide(s, message("a@b.com", null, List.of("x@EXAMPLE.com"), null, null)))).isNull();
        assertThat(code(decide(s, message("a@b.com", null, List.of("x@notexample.com"), null, null))))
                .isEqualTo(ReasonCode.RECIPIENT_DOMAIN_NOT_ALLOWED);
    }

    @Test
    void template_configuration_set_and_ip() {
        ResourceScope s = scope("{'templates':['welcome'],'configurationSet':'pinned','ipAllow':['10.0.0.0/8']}");
        Decision injected = decide(s, message("a@b.com", null, List.of("x@y.com"), "welcome", null));
        assertThat(injected.allowed()).isTrue();
        assertThat(injected.configurationSet()).isEqualTo("pinned");
        assertThat(code(decide(s, message("a@b.com", null, List.of("x@y.com"), "other", null)))).isEqualTo(ReasonCode.TEMPLATE_NOT_ALLOWED);
        assertThat(code(decide(s, message("a@b.com", null, List.of("x@y.com"), null, "other"))))
                .isEqualTo(ReasonCode.CONFIGURATION_SET_NOT_ALLOWED);
        assertThat(decide(s, message("a@b.com", null, List.of("x@y.com"), null, "pinned")).allowed()).isTrue();
        Decision fromElsewhere = PolicyEngine.evaluate(Permission.SEND_EMAIL, SEND, s,
                message("a@b.com", null, List.of("x@y.com"), null, null), "192.0.2.1", false);
        assertThat(code(fromElsewhere)).isEqualTo(ReasonCode.IP_NOT_ALLOWED);
        ResourceScope noTemplates = scope("{'templates':[]}");
        assertThat(code(decide(noTemplates, message("a@b.com", null, List.of("x@y.com"), "welcome", null))))
                .isEqualTo(ReasonCode.TEMPLATE_NOT_ALLOWED);
        assertThat(decide(noTemplates, message("a@b.com", null, List.of("x@y.com"), null, null)).allowed()).isTrue();
    }

    @Test
    void the_order_decides_the_primary_reason_and_the_dry_run_lists_all() {
        ResourceScope s = scope("{'fromAddresses':['@ok.com'],'maxRecipients':1,'templates':['t'],'ipAllow':['10.0.0.0/8']}");
        MessageFacts bad = message("a@bad.com", null, List.of("x@y.com", "z@y.com"), "other", null);
        Decision first = PolicyEngine.evaluate(Permission.SEND_EMAIL, EnumSet.noneOf(Permission.class), s, bad, "192.0.2.1", false);
        assertThat(first.reasons()).extracting(Reason::code).containsExactly(ReasonCode.PERMISSION_MISSING);
        Decision all = PolicyEngine.evaluate(Permission.SEND_EMAIL, EnumSet.noneOf(Permission.class), s, bad, "192.0.2.1", true);
        assertThat(all.reasons()).extracting(Reason::code).containsExactly(ReasonCode.PERMISSION_MISSING,
                ReasonCode.FROM_NOT_ALLOWED, ReasonCode.TOO_MANY_RECIPIENTS, ReasonCode.TEMPLATE_NOT_ALLOWED,
                ReasonCode.IP_NOT_ALLOWED);
        assertThat(all.reasons()).allSatisfy(r -> assertThat(r.detail()).isNotBlank());
    }

    @Test
    void reason_codes_have_wire_names_and_statuses() {
        assertThat(ReasonCode.FROM_NOT_ALLOWED.code()).isEqualTo("from_not_allowed");
        assertThat(ReasonCode.TOO_MANY_RECIPIENTS.code()).isEqualTo("too_many_recipients");
        assertThat(ReasonCode.RATE_LIMITED.kind()).isEqualTo(ErrorKind.THROTTLED);
        assertThat(ReasonCode.DAILY_QUOTA_EXCEEDED.kind()).isEqualTo(ErrorKind.THROTTLED);
        assertThat(ReasonCode.FROM_NOT_ALLOWED.kind()).isEqualTo(ErrorKind.FORBIDDEN);
    }

    @Test
    void sender_and_return_path_act_as_from_addresses_and_reply_to_has_its_own_scope() {
        ResourceScope scope = scope("{'fromAddresses':['@shop.example'],'replyToAddresses':['help@shop.example']}");
        List<String> to = List.of("x@y.com");
        assertThat(code(decide(scope, new MessageFacts("a@shop.example", null, to, null, null, List.of("help@shop.example"),
                "relay@shop.example", "bounces@shop.example")))).isNull();
        assertThat(code(decide(scope, new MessageFacts("a@shop.example", null, to, null, null, List.of(), "ceo@evil.example", null))))
                .isEqualTo(ReasonCode.SENDER_NOT_ALLOWED);
        assertThat(code(decide(scope, new MessageFacts("a@shop.example", null, to, null, null, List.of(), null, "b@evil.example"))))
                .isEqualTo(ReasonCode.SENDER_NOT_ALLOWED);
        assertThat(code(decide(scope, new MessageFacts("a@shop.example", null, to, null, null, List.of("help@shop.example",
                "phish@evil.example"), null, null)))).isEqualTo(ReasonCode.REPLY_TO_NOT_ALLOWED);
        assertThat(code(decide(scope("{'fromAddresses':['@shop.example']}"), new MessageFacts("a@shop.example", null, to, null, null,
                List.of("anyone@else.example"), null, null)))).as("no Reply-To scope: any Reply-To").isNull();
    }

    @Test
    void the_recipient_quota_and_reply_to_scope_round_trip_through_json() {
        ResourceScope scope = scope("{'dailyRecipientQuota':5000,'dailyQuota':100,'replyToAddresses':['@shop.example']}");
        assertThat(scope.dailyRecipientQuota()).isEqualTo(5000L);
        assertThat(PolicyJson.scopeToJson(scope).getJsonNumber("dailyRecipientQuota").longValue()).isEqualTo(5000L);
        assertThat(PolicyJson.scopeToJson(scope).getJsonArray("replyToAddresses").getString(0)).isEqualTo("@shop.example");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scope("{'dailyRecipientQuota':0}"))
                .hasMessageContaining("policy.scope.dailyRecipientQuota");
    }
}
