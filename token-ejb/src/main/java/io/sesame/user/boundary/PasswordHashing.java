package io.sesame.user.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/** Portal passwords are stored as PBKDF2-HMAC-SHA-512 hashes (OWASP's 210,000 iterations), via Jakarta Security. */
@ApplicationScoped
public class PasswordHashing {

    static final Map<String, String> PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64");

    @Inject
    Pbkdf2PasswordHash hash;

    @PostConstruct
    void configure() {
        hash.initialize(PARAMETERS);
    }

    public String hash(char[] password) {
        return hash.generate(password);
    }

    public boolean verify(char[] password, String storedHash) {
        return hash.verify(password, storedHash);
    }
}
