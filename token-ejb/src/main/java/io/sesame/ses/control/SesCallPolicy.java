package io.sesame.ses.control;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.http.conn.ConnectTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * When a failed SES call may be retried, and what a failure means for the message. SendEmail is not idempotent: the
 * SDK's default strategy retries 5xx answers and timeouts, and a timeout after SES took the request sends the message
 * twice. So Sesame retries only what proves nothing was sent — throttling (SES refused it) and a connection that was
 * never made — and reports a call that reached SES but got no answer as "outcome unknown", never as "not sent".
 */
public final class SesCallPolicy {

    /** Attempts per call, the first included; bounded by the call timeout in any case. */
    static final int MAX_ATTEMPTS = 3;

    private SesCallPolicy() {
    }

    /** The SDK retry strategy: throttling and never-connected only, with jittered exponential backoff. */
    public static RetryStrategy retryStrategy() {
        return StandardRetryStrategy.builder()
                .useClientDefaults(false)
                .maxAttempts(MAX_ATTEMPTS)
                .retryOnException(SesCallPolicy::safeToRetry)
                .treatAsThrottling(SesCallPolicy::isThrottling)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(1)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(2)))
                .circuitBreakerEnabled(false)
                .build();
    }

    /** How long to wait for a connection: a quarter of the call's budget (at most 2 s), so retries fit in it. */
    public static Duration connectTimeout(Duration callTimeout) {
        Duration quarter = callTimeout.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : quarter;
    }

    /**
     * A retry cannot send a message twice: SES throttled the call or refused its signature for clock skew (it acted on
     * neither), or the connection to SES was never made (refused, timed out connecting or waiting for a pooled one).
     */
    public static boolean safeToRetry(Throwable failure) {
        return isThrottling(failure) || isClockSkew(failure) || neverConnected(failure);
    }

    static boolean isClockSkew(Throwable failure) {
        return failure instanceof SdkServiceException service && service.isClockSkewException();
    }

    static boolean isThrottling(Throwable failure) {
        return failure instanceof SdkServiceException service && (service.statusCode() == 429 || service.isThrottlingException());
    }

    /** No connection to SES was made: refused, no route, unknown host, or the connect itself timed out. */
    public static boolean neverConnected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // ConnectTimeoutException covers ConnectionPoolTimeoutException (no pooled connection in time) too
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request may have reached SES and no answer came (a read timeout, the call timeout, a reset connection): SES
     * may have acted on it. Any client-side failure except a connection never made counts as unknown — the safe side:
     * the call timeout ({@code ApiCallTimeoutException}, no cause) cannot tell a hang after the request from a connect
     * that never ended, so the connect and pool timeouts are kept well inside it ({@link #connectTimeout}).
     */
    public static boolean outcomeUnknown(Throwable failure) {
        return failure instanceof SdkClientException && !neverConnected(failure);
    }
}
