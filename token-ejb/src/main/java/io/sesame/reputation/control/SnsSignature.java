package io.sesame.reputation.control;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Verification of Amazon SNS message signatures as AWS documents it: the certificate must come from an SNS host
 * over HTTPS, and the signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) must match the canonical
 * string built from the message's fields in their fixed order.
 */
public final class SnsSignature {

    /** The host pattern AWS's own SNS message validators accept (all regions, including China). */
    public static final Pattern SNS_HOST = Pattern.compile("^sns\\.[a-zA-Z0-9\\-]{3,}\\.amazonaws\\.com(\\.cn)?$");

    private SnsSignature() {
    }

    /** @throws IllegalArgumentException when the URL is not an SNS HTTPS URL (of a .pem certificate if {@code pem}) */
    public static URI checkSnsUrl(String url, String field, boolean pem) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new IllegalArgumentException(field + ": not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || !SNS_HOST.matcher(uri.getHost()).matches()
                || uri.getPort() != -1 || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(field + ": not an HTTPS URL of an Amazon SNS host (sns.<region>.amazonaws.com)");
        }
        if (pem && (uri.getPath() == null || !uri.getPath().toLowerCase(Locale.ROOT).endsWith(".pem"))) {
            throw new IllegalArgumentException(field + ": not a .pem certificate");
        }
        return uri;
    }

    /** The canonical string SNS signs for this message's type. */
    public static String stringToSign(SnsMessage m) {
        StringBuilder s = new StringBuilder();
        append(s, "Message", m.message());
        append(s, "MessageId", m.messageId());
        if (SnsMessage.NOTIFICATION.equals(m.type())) {
            if (m.subject() != null) {
                append(s, "Subject", m.subject());
            }
        } else {
            append(s, "SubscribeURL", m.subscribeUrl());
        }
        append(s, "Timestamp", m.timestamp());
        if (!SnsMessage.NOTIFICATION.equals(m.type())) {
            append(s, "Token", m.token());
        }
        append(s, "TopicArn", m.topicArn());
        append(s, "Type", m.type());
        return s.toString();
    }

    private static void append(StringBuilder s, String name, String value) {
        s.append(name).append('\n').append(value).append('\n');
    }

    public static String algorithm(String signatureVersion) {
        return switch (signatureVersion) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("SignatureVersion: " + signatureVersion + " is not supported (1 or 2)");
        };
    }

    /** Whether the message was signed by the holder of the certificate's key. */
    public static boolean verify(SnsMessage m, X509Certificate certificate) {
        try {
            Signature verifier = Signature.getInstance(algorithm(m.signatureVersion()));
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(stringToSign(m).getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(m.signature()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
