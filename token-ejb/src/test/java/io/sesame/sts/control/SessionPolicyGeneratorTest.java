package io.sesame.sts.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesame.policy.control.AccessPolicy;
import io.sesame.policy.control.PolicyJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionPolicyGeneratorTest {

    static final SessionPolicyGenerator GENERATOR = new SessionPolicyGenerator("eu-west-1", "123456789012");

    static AccessPolicy policy(String json) {
        return PolicyJson.parse(Json.createReader(new StringReader(json.replace('\'', '"'))).readObject());
    }

    static JsonObject parse(SessionPolicy p) {
        return Json.createReader(new StringReader(p.json())).readObject();
    }

    static JsonObject statement(JsonObject doc, String sid) {
        return doc.getJsonArray("Statement").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("Sid").equals(sid)).findFirst().orElse(null);
    }

    @Test
    void a_scoped_send_key_becomes_a_narrow_policy() {
        AccessPolicy p = policy("{'permissions':['ses:SendEmail','ses:GetAccount','sesame:ReadAudit'],'scope':{"
                + "'fromAddresses':['noreply@example.com','@example.org','*.example.net'],'fromDisplayNames':['Acme'],"
                + "'templates':['welcome'],'configurationSet':'tx','recipientDomainsAllow':['customers.example'],"
                + "'recipientDomainsDeny':['competitor.example']}}");
        SessionPolicy generated = GENERATOR.generate(p.permissions(), p.scope());
        assertThat(generated.detail()).isEqualTo(SessionPolicy.Detail.FULL);
        assertThat(generated.json().length()).isLessThanOrEqualTo(2048);
        JsonObject doc = parse(generated);
        assertThat(doc.getString("Version")).isEqualTo("2012-10-17");

        JsonObject send = statement(doc, "SesameSend");
        assertThat(send.getJsonArray("Action").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("ses:SendEmail", "ses:SendRawEmail");
        assertThat(send.getJsonArray("Resource").toString()).contains(
                "arn:aws:ses:eu-west-1:123456789012:identity/noreply@example.com",
                "arn:aws:ses:eu-west-1:123456789012:identity/example.com",
                "arn:aws:ses:eu-west-1:123456789012:identity/example.org",
                "arn:aws:ses:eu-west-1:123456789012:identity/*.example.net",
                "arn:aws:ses:eu-west-1:123456789012:template/welcome",
                "arn:aws:ses:eu-west-1:123456789012:configuration-set/tx");
        JsonObject conditions = send.getJsonObject("Condition");
        assertThat(conditions.getJsonObject("StringLike").getJsonArray("ses:FromAddress").toString())
                .isEqualTo("[\"noreply@example.com\",\"*@example.org\",\"*@*.example.net\"]");
        assertThat(conditions.getJsonObject("StringLike").getJsonArray("ses:FromDisplayName").toString()).isEqualTo("[\"Acme\"]");
        assertThat(conditions.getJsonObject("ForAllValues:StringLike").getJsonArray("ses:Recipients").toString())
                .isEqualTo("[\"*@customers.example\",\"*@*.customers.example\"]");

        assertThat(statement(doc, "SesameOther").getJsonArray("Action").toString()).isEqualTo("[\"ses:GetAccount\"]");
        JsonObject deny = statement(doc, "SesameDenyRecipients");
        assertThat(deny.getString("Effect")).isEqualTo("Deny");
        assertThat(deny.toString()).contains("ForAnyValue:StringLike").contains("*@competitor.example");
        assertThat(generated.json()).doesNotContain("sesame:");
    }

    @Test
    void an_unrestricted_key_gets_its_actions_on_any_identity() {
        AccessPolicy p = policy("{'permissions':['ses:SendEmail']}");
        SessionPolicy generated = GENERATOR.generate(p.permissions(), p.scope());
        JsonObject send = statement(parse(generated), "SesameSend");
        assertThat(send.getJsonObject("Condition").keySet()).as("only the API version").containsExactly("StringEquals");
        assertThat(send.getJsonObject("Condition").getJsonObject("StringEquals").getString("ses:ApiVersion")).isEqualTo("2");
        assertThat(generated.complete()).isTrue();
        assertThat(send.getJsonArray("Resource").toString()).contains("identity/*", "template/*", "configuration-set/*");
    }

    @Test
    void a_key_without_ses_permissions_gets_a_policy_that_allows_nothing() {
        AccessPolicy p = policy("{'permissions':['sesame:ManageKeys']}");
        JsonObject doc = parse(GENERATOR.generate(p.permissions(), p.scope()));
        assertThat(doc.getJsonArray("Statement")).hasSize(1);
        assertThat(statement(doc, "SesameNothing").getString("Effect")).isEqualTo("Deny");
    }

    @Test
    void too_long_policies_fall_back_level_by_level_and_stay_within_2048() {
        String manyAddresses = IntStream.range(0, 40).mapToObj(i -> "'sender" + i + "@shop" + (i % 3) + ".example.com'")
                .collect(Collectors.joining(","));
        String manyTemplates = IntStream.range(0, 40).mapToObj(i -> "'template-number-" + i + "'").collect(Collectors.joining(","));
        AccessPolicy big = policy("{'permissions':['ses:SendEmail'],'scope':{'fromAddresses':[" + manyAddresses + "],"
                + "'templates':[" + manyTemplates + "]}}");
        SessionPolicy generated = GENERATOR.generate(big.permissions(), big.scope());
        assertThat(generated.json().length()).isLessThanOrEqualTo(SessionPolicyGenerator.MAX_LENGTH);
        assertThat(generated.detail()).isIn(SessionPolicy.Detail.ANY_RESOURCE, SessionPolicy.Detail.DOMAINS_ONLY);
        assertThat(GENERATOR.document(big.permissions(), big.scope(), SessionPolicy.Detail.FULL).toString().length())
                .isGreaterThan(2048);
        // Still scoped: From addresses (at least by domain) are conditions of the policy.
        assertThat(generated.json()).contains("ses:FromAddress").contains("example.com");
        // ...but not the whole scope, and it says what it lost, so that vending can refuse it
        assertThat(generated.complete()).isFalse();
        assertThat(generated.lost()).contains("the template allowlist");

        String hugeDomains = IntStream.range(0, 200).mapToObj(i -> "'@tenant" + i + ".example.com'").collect(Collectors.joining(","));
        AccessPolicy huge = policy("{'permissions':['ses:SendEmail','ses:GetAccount'],'scope':{'fromAddresses':[" + hugeDomains + "]}}");
        SessionPolicy coarse = GENERATOR.generate(huge.permissions(), huge.scope());
        assertThat(coarse.detail()).isEqualTo(SessionPolicy.Detail.ACTIONS_ONLY);
        assertThat(coarse.json()).contains("ses:SendEmail").contains("ses:GetAccount").doesNotContain("ses:FromAddress");
        assertThat(coarse.json().length()).isLessThanOrEqualTo(2048);
        assertThat(coarse.lost()).containsExactly("the From addresses");
    }

    @Test
    void what_each_level_loses_is_named_only_for_what_the_scope_restricts() {
        AccessPolicy p = policy("{'permissions':['ses:SendEmail'],'scope':{'fromAddresses':['a@b.com','@c.com'],"
                + "'fromDisplayNames':['Shop'],'configurationSet':'tracked','recipientDomainsAllow':['x.com'],'recipientDomainsDeny':['y.com']}}");
        String pinned = "the pinned configuration set (a send may name none)";
        assertThat(SessionPolicyGenerator.lost(p.permissions(), p.scope(), SessionPolicy.Detail.FULL))
                .as("IAM cannot make a send use a configuration set").containsExactly(pinned);
        assertThat(SessionPolicyGenerator.lost(p.permissions(), p.scope(), SessionPolicy.Detail.ANY_RESOURCE)).containsExactly(pinned);
        assertThat(SessionPolicyGenerator.lost(p.permissions(), p.scope(), SessionPolicy.Detail.DOMAINS_ONLY))
                .containsExactly(pinned, "the From display names", "the exact From addresses (widened to their domains)");
        assertThat(SessionPolicyGenerator.lost(p.permissions(), p.scope(), SessionPolicy.Detail.FROM_ONLY))
                .contains("the recipient domain allowlist", "the recipient domain denylist");
        AccessPolicy open = policy("{'permissions':['ses:SendEmail']}");
        assertThat(SessionPolicyGenerator.lost(open.permissions(), open.scope(), SessionPolicy.Detail.ACTIONS_ONLY))
                .as("nothing to lose").isEmpty();
    }

    @Test
    void template_actions_are_held_to_the_allowed_templates_and_names_match_literally() {
        AccessPolicy p = policy("{'permissions':['ses:UpdateEmailTemplate','ses:DeleteEmailTemplate','ses:ListEmailTemplates','ses:SendEmail'],"
                + "'scope':{'templates':['welcome'],'fromAddresses':['a@b.com'],'fromDisplayNames':['Who? Inc *']}}");
        SessionPolicy generated = GENERATOR.generate(p.permissions(), p.scope());
        assertThat(generated.detail()).isEqualTo(SessionPolicy.Detail.FULL);
        assertThat(generated.lost()).as("a FULL policy holds the template allowlist").isEmpty();
        JsonObject doc = parse(generated);
        JsonObject templates = statement(doc, "SesameTemplates");
        assertThat(templates.getJsonArray("Action").toString()).contains("ses:UpdateEmailTemplate", "ses:DeleteEmailTemplate")
                .doesNotContain("ses:ListEmailTemplates");
        assertThat(templates.getJsonArray("Resource").toString()).isEqualTo("[\"arn:aws:ses:eu-west-1:123456789012:template/welcome\"]");
        assertThat(statement(doc, "SesameOther").getJsonArray("Action").toString()).isEqualTo("[\"ses:ListEmailTemplates\"]");
        JsonObject conditions = statement(doc, "SesameSend").getJsonObject("Condition");
        assertThat(conditions.getJsonObject("StringLike").getJsonArray("ses:FromDisplayName").getString(0))
                .isEqualTo("Who${?} Inc ${*}");
        assertThat(conditions.getJsonObject("StringLikeIfExists").getJsonArray("ses:FeedbackAddress").getString(0))
                .as("the Return-Path held to the From scope").isEqualTo("a@b.com");
    }

    @Test
    void every_level_is_valid_json_with_a_statement() {
        AccessPolicy p = policy("{'permissions':['ses:SendEmail','ses:ListEmailTemplates'],'scope':{'fromAddresses':['a@b.com'],"
                + "'recipientDomainsAllow':['c.com'],'recipientDomainsDeny':['d.com']}}");
        for (SessionPolicy.Detail detail : SessionPolicy.Detail.values()) {
            JsonObject doc = GENERATOR.document(p.permissions(), p.scope(), detail);
            assertThat(doc.getJsonArray("Statement")).as(detail.name()).isNotEmpty();
        }
        assertThat(GENERATOR.document(p.permissions(), p.scope(), SessionPolicy.Detail.FROM_ONLY).toString())
                .doesNotContain("ses:Recipients").contains("*@b.com");
        assertThat(List.of(SessionPolicy.Detail.values())).hasSize(5);
    }
}
