package io.sesame.reputation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnsSignatureTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events";
    static final String NOW = "2026-11-28T12:00:00.000Z";
    static SnsTestSigner sns;
    static SnsTestSigner impostor;

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        sns = SnsTestSigner.create(dir.resolve("sns"));
        impostor = SnsTestSigner.create(dir.resolve("impostor"));
    }

    @Test
    void a_signed_notification_verifies_with_the_signers_certificate_only() throws Exception {
        SnsMessage m = SnsMessage.parse(sns.notification(TOPIC, SnsTestSigner.sesEvent("Bounce", "0100-abc"), NOW));
        assertThat(SnsSignature.verify(m, sns.certificate())).isTrue();
        assertThat(SnsSignature.verify(m, impostor.certificate())).isFalse();
    }

    @Test
    void any_change_to_a_signed_field_breaks_the_signature() throws Exception {
        SnsMessage m = SnsMessage.parse(sns.notification(TOPIC, SnsTestSigner.sesEvent("Delivery", "0100-abc"), NOW));
        SnsMessage bounceInstead = new SnsMessage(m.type(), m.messageId(), m.token(), m.topicArn(), m.subject(),
                m.message().replace("Delivery", "Bounce"), m.subscribeUrl(), m.timestamp(), m.signatureVersion(), m.signature(),
                m.signingCertUrl());
        SnsMessage otherTopic = new SnsMessage(m.type(), m.messageId(), m.token(), TOPIC + "-2", m.subject(), m.message(),
                m.subscribeUrl(), m.timestamp(), m.signatureVersion(), m.signature(), m.signingCertUrl());
        SnsMessage later = new SnsMessage(m.type(), m.messageId(), m.token(), m.topicArn(), m.subject(), m.message(),
                m.subscribeUrl(), "2026-11-28T12:30:00.000Z", m.signatureVersion(), m.signature(), m.signingCertUrl());
        SnsMessage sha1 = new SnsMessage(m.type(), m.messageId(), m.token(), m.topicArn(), m.subject(), m.message(),
                m.subscribeUrl(), m.timestamp(), "1", m.signature(), m.signingCertUrl());
        for (SnsMessage forged : new SnsMessage[] {bounceInstead, otherTopic, later, sha1}) {
            assertThat(SnsSignature.verify(forged, sns.certificate())).isFalse();
        }
    }

    @Test
    void subscription_confirmations_sign_subscribe_url_and_token() throws Exception {
        SnsMessage m = SnsMessage.parse(sns.subscriptionConfirmation(TOPIC,
                "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=x", NOW));
        assertThat(SnsSignature.stringToSign(m)).startsWith("Message\n").contains("\nSubscribeURL\nhttps://sns.")
                .contains("\nToken\n").endsWith("Type\nSubscriptionConfirmation\n");
        assertThat(SnsSignature.verify(m, sns.certificate())).isTrue();
    }

    @Test
    void only_https_urls_of_sns_hosts_are_trusted_for_certificates() {
        assertThat(SnsSignature.checkSnsUrl("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1.pem", "u", true)).isNotNull();
        assertThat(SnsSignature.checkSnsUrl("https://sns.cn-north-1.amazonaws.com.cn/x.pem", "u", true)).isNotNull();
        for (String bad : new String[] {"http://sns.us-east-1.amazonaws.com/x.pem", "https://sns.us-east-1.amazonaws.com.evil.test/x.pem",
                "https://evil.test/sns.us-east-1.amazonaws.com/x.pem", "https://sns.us-east-1.amazonaws.com:8443/x.pem",
                "https://user@sns.us-east-1.amazonaws.com/x.pem", "https://s3.amazonaws.com/x.pem", "not a url"}) {
            assertThatThrownBy(() -> SnsSignature.checkSnsUrl(bad, "SigningCertURL", true)).as(bad)
                    .hasMessageStartingWith("SigningCertURL:");
        }
        assertThatThrownBy(() -> SnsSignature.checkSnsUrl("https://sns.us-east-1.amazonaws.com/x.txt", "SigningCertURL", true))
                .hasMessageContaining(".pem");
    }

    @Test
    void unsigned_or_malformed_messages_are_refused_with_the_field_named() {
        assertThatThrownBy(() -> SnsMessage.parse("{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"t\",\"Message\":\"m\","
                + "\"Timestamp\":\"" + NOW + "\"}")).hasMessageStartingWith("SignatureVersion: missing");
        assertThatThrownBy(() -> SnsMessage.parse("nonsense")).hasMessageContaining("not an SNS message");
        assertThatThrownBy(() -> SnsMessage.parse("{\"Type\":\"Gossip\"}")).hasMessageStartingWith("Type:");
        assertThatThrownBy(() -> SnsSignature.algorithm("3")).hasMessageStartingWith("SignatureVersion: 3");
    }

    @Test
    void ses_events_are_read_from_event_publishing_and_identity_notifications() {
        assertThat(SesEvent.parse(SnsTestSigner.sesEvent("Bounce", "m1")))
                .isEqualTo(new SesEvent(SesEvent.Outcome.BOUNCE, "m1", "Permanent/General"));
        assertThat(SesEvent.parse("{\"notificationType\":\"Complaint\",\"mail\":{\"messageId\":\"m2\"},"
                + "\"complaint\":{\"complaintFeedbackType\":\"abuse\"}}").outcome()).isEqualTo(SesEvent.Outcome.COMPLAINT);
        assertThat(SesEvent.parse("{\"eventType\":\"Open\",\"mail\":{\"messageId\":\"m3\"}}")).as("not counted").isNull();
        assertThatThrownBy(() -> SesEvent.parse("{\"eventType\":\"Bounce\"}")).hasMessageContaining("mail.messageId");
    }

    @Test
    void rates_use_messages_with_a_known_fate_and_need_volume() {
        Reputation r = new Reputation(0, 90, 10, 1, 0);
        assertThat(r.messages()).isEqualTo(100);
        assertThat(r.bounceRate()).isEqualTo(0.10);
        assertThat(r.complaintRate()).isEqualTo(0.01);
        assertThat(new Reputation(200, 90, 10, 0, 0).bounceRate()).as("Send events when published").isEqualTo(0.05);
        assertThat(r.judgeable(100)).isTrue();
        assertThat(r.judgeable(101)).isFalse();
        assertThat(new Reputation(0, 0, 0, 0, 0).bounceRate()).isZero();
    }
}
