package io.sesame.token.control;

import io.sesame.platform.control.AttemptWindow;
import io.sesame.platform.control.ClientNetworks;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed token exchanges (unknown key, wrong secret, malformed key) per client address (an IPv6 /64 counts as one) and
 * per address and key id,
 * in a sliding window: over either limit, further failures from there are answered 429 until the oldest failure slides
 * out. Only failures: a correct key always passes, so sharing an address with an attacker locks nobody out; per address
 * and key, not per key alone, so that failing on purpose from elsewhere does not affect the key either.
 */
public final class ExchangeThrottle {

    private final AttemptWindow perAddress;
    private final AttemptWindow perAddressAndKey;

    public ExchangeThrottle(int failuresPerAddress, int failuresPerAddressAndKey, Duration window) {
        if (failuresPerAddress < 1 || failuresPerAddressAndKey < 1) {
            throw new IllegalArgumentException("token exchange failure limits must be at least 1");
        }
        this.perAddress = new AttemptWindow(failuresPerAddress, window);
        this.perAddressAndKey = new AttemptWindow(failuresPerAddressAndKey, window);
    }

    /** Zero when the address may try (for this key id, when known), else how long until it may. */
    public Duration blockedFor(String clientIp, String keyId, Instant now) {
        String address = ClientNetworks.of(clientIp);
        Duration byAddress = perAddress.blockedFor(address, now);
        Duration byKey = keyId == null ? Duration.ZERO : perAddressAndKey.blockedFor(address + " " + keyId, now);
        return byAddress.compareTo(byKey) >= 0 ? byAddress : byKey;
    }

    /** Counts a failed exchange against the address and, when the request named a key id, the address and that key. */
    public void failed(String clientIp, String keyId, Instant now) {
        String address = ClientNetworks.of(clientIp);
        perAddress.tryAttempt(address, now);
        if (keyId != null) {
            perAddressAndKey.tryAttempt(address + " " + keyId, now);
        }
    }
}
