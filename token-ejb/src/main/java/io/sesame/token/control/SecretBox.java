package io.sesame.token.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest for signing keys: AES-256-GCM (JDK) under a key from configuration, with the record's
 * id as associated data so a ciphertext cannot be moved to another row. Output: base64(iv ‖ ciphertext ‖ tag).
 */
public final class SecretBox {

    public static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key 32 random bytes, base64-encoded (e.g. {@code head -c 32 /dev/urandom | base64}) */
    public SecretBox(String base64Key) {
        byte[] raw;
        try {
            raw = base64Key == null ? new byte[0] : Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signing-key encryption key (sesame.signing.encryption-key /"
                    + " SESAME_SIGNING_ENCRYPTION_KEY) is not valid base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("the signing-key encryption key (sesame.signing.encryption-key /"
                    + " SESAME_SIGNING_ENCRYPTION_KEY) must be set to 32 random bytes in base64");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public String seal(String plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws IllegalStateException when the ciphertext was altered, moved, or sealed under another key */
    public String open(String sealed, String associatedData) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt signing key " + associatedData
                    + ": wrong SESAME_SIGNING_ENCRYPTION_KEY or tampered data");
        }
    }
}
