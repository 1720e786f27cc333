package io.sesame.leak.control;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub's signature on a secret scanning report: ECDSA P-256 with SHA-256 (DER, base64 in
 * {@code Github-Public-Key-Signature}) over the raw body, by the key named in {@code Github-Public-Key-Identifier}
 * from GitHub's published list. Verified with the JDK's provider; nothing here is hand-made cryptography.
 */
public final class ScannerSignature {

    static final int MAX_SIGNATURE = 200;

    private ScannerSignature() {
    }

    /** Whether {@code signatureBase64} is the key's signature of {@code body}; false for anything malformed. */
    public static boolean verify(PublicKey key, byte[] body, String signatureBase64) {
        if (key == null || signatureBase64 == null || signatureBase64.isBlank() || signatureBase64.length() > MAX_SIGNATURE) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signatureBase64.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** An EC public key from PEM (SubjectPublicKeyInfo), as GitHub publishes them. */
    public static PublicKey publicKey(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(key instanceof java.security.interfaces.ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("not a P-256 key");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an EC P-256 public key in PEM: " + e.getMessage());
        }
    }

    /**
     * GitHub's key list ({@code GET /meta/public_keys/secret_scanning}): {@code {"public_keys": [{"key_identifier",
     * "key", "is_current"}]}}. Keys that do not parse are left out.
     */
    public static Map<String, PublicKey> keyList(jakarta.json.JsonObject list) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        if (!(list.get("public_keys") instanceof jakarta.json.JsonArray array)) {
            throw new IllegalArgumentException("no public_keys array");
        }
        for (jakarta.json.JsonValue value : array) {
            if (value instanceof jakarta.json.JsonObject entry && entry.get("key_identifier") instanceof jakarta.json.JsonString id
                    && entry.get("key") instanceof jakarta.json.JsonString pem && keys.size() < 50) {
                try {
                    keys.put(id.getString(), publicKey(pem.getString()));
                } catch (IllegalArgumentException skipped) {
                    // a key Sesame cannot use verifies nothing
                }
            }
        }
        return keys;
    }
}
