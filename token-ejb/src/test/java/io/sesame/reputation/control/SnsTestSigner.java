package io.sesame.reputation.control;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;

/**
 * Plays Amazon SNS in tests: a locally generated RSA key and self-signed certificate (made with the JDK's
 * keytool), the certificate written as a PEM file named like SNS's, and messages signed the way SNS signs them.
 * Also used by the integration tests (token-ejb's test jar).
 */
public final class SnsTestSigner {

    public static final String CERT_FILE = "SimpleNotificationService-sesame-test.pem";
    public static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/" + CERT_FILE;

    private final PrivateKey key;
    private final X509Certificate certificate;

    private SnsTestSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Generates a key pair and certificate into {@code dir} (keystore + PEM named {@link #CERT_FILE}). */
    public static SnsTestSigner create(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path store = dir.resolve("sns-test-" + UUID.randomUUID() + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", "CN=sns.amazonaws.com", "-validity", "3", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("sns");
        Files.writeString(dir.resolve(CERT_FILE), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Files.delete(store);
        return new SnsTestSigner((PrivateKey) ks.getKey("sns", "changeit".toCharArray()), cert);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** An SNS Notification carrying {@code message}, signed with SignatureVersion 2 (SHA256withRSA). */
    public String notification(String topicArn, String message, String timestamp) throws Exception {
        return signed(new SnsMessage(SnsMessage.NOTIFICATION, UUID.randomUUID().toString(), null, topicArn, null, message, null,
                timestamp, "2", null, CERT_URL));
    }

    public String subscriptionConfirmation(String topicArn, String subscribeUrl, String timestamp) throws Exception {
        return signed(new SnsMessage(SnsMessage.SUBSCRIPTION_CONFIRMATION, UUID.randomUUID().toString(), "token-" + UUID.randomUUID(),
                topicArn, null, "You have chosen to subscribe to the topic " + topicArn, subscribeUrl, timestamp, "2", null, CERT_URL));
    }

    /** The message as JSON, with its signature over the canonical string. */
    public String signed(SnsMessage m) throws Exception {
        Signature signer = Signature.getInstance(SnsSignature.algorithm(m.signatureVersion()));
        signer.initSign(key);
        signer.update(SnsSignature.stringToSign(m).getBytes(StandardCharsets.UTF_8));
        return json(m, Base64.getEncoder().encodeToString(signer.sign()));
    }

    public static String json(SnsMessage m, String signature) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("Type", m.type()).add("MessageId", m.messageId());
        if (m.token() != null) {
            json.add("Token", m.token());
        }
        json.add("TopicArn", m.topicArn());
        if (m.subject() != null) {
            json.add("Subject", m.subject());
        }
        json.add("Message", m.message());
        if (m.subscribeUrl() != null) {
            json.add("SubscribeURL", m.subscribeUrl());
        }
        return json.add("Timestamp", m.timestamp()).add("SignatureVersion", m.signatureVersion()).add("Signature", signature)
                .add("SigningCertURL", m.signingCertUrl()).build().toString();
    }

    /** An SES event (event publishing shape) for one message. */
    public static String sesEvent(String eventType, String sesMessageId) {
        JsonObjectBuilder event = Json.createObjectBuilder().add("eventType", eventType)
                .add("mail", Json.createObjectBuilder().add("messageId", sesMessageId).add("timestamp", "2026-11-28T10:00:00.000Z")
                        .add("source", "sender@example.com").add("destination", Json.createArrayBuilder().add("r@example.net")));
        if (eventType.equals("Bounce")) {
            event.add("bounce", Json.createObjectBuilder().add("bounceType", "Permanent").add("bounceSubType", "General")
                    .add("bouncedRecipients", Json.createArrayBuilder().add(Json.createObjectBuilder().add("emailAddress", "r@example.net"))));
        } else if (eventType.equals("Complaint")) {
            event.add("complaint", Json.createObjectBuilder().add("complaintFeedbackType", "abuse"));
        }
        return event.build().toString();
    }
}
