package io.sesame.ses.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.sesame.platform.control.AwsConnection;
import io.sesame.platform.control.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The SES client as Sesame builds it, against a local HTTP server playing SES: what is retried (only what cannot send
 * twice), how long a call may take, and what a failure is reported as.
 */
class SesCallPolicyTest {

    private static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);

    private HttpServer server;
    private AwsSesTransport transport;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Answer> answer = new AtomicReference<>();

    /** What the fake SES does with each request. */
    private record Answer(int status, String errorType, String body, long delayMillis) {
    }

    private void start(Answer first) throws IOException {
        answer.set(first);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Answer a = answer.get();
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (a.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", a.errorType());
            }
            exchange.sendResponseHeaders(a.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        transport = transportTo("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static AwsSesTransport transportTo(String endpoint) {
        return new AwsSesTransport(new AwsConnection("eu-west-1", endpoint, "AKIDEXAMPLE", "secret"), CALL_TIMEOUT, null);
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static OutgoingEmail email() {
        return new OutgoingEmail(OutgoingEmail.Kind.SIMPLE, "noreply@example.com", null, List.of("a@x.com"), List.of(),
                List.of(), List.of(), "Hi", "Hello", null, null, null, null, null, Map.of());
    }

    @Test
    void throttling_is_retried_because_ses_sent_nothing() throws IOException {
        start(new Answer(429, "TooManyRequestsException", "{\"message\":\"Maximum sending rate exceeded.\"}", 0));
        SesFailure failure = catchThrowableOfType(SesFailure.class, () -> transport.send(email(), null));
        assertThat(failure.reason()).isEqualTo(SesFailure.Reason.THROTTLED);
        assertThat(requests).as("three attempts").hasValue(SesCallPolicy.MAX_ATTEMPTS);
    }

    @Test
    void a_throttled_call_that_succeeds_on_retry_sends_once() throws IOException {
        start(new Answer(429, "TooManyRequestsException", "{\"message\":\"slow down\"}", 0));
        server.removeContext("/");
        server.createContext("/", exchange -> {
            int n = requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = (n == 1 ? "{\"message\":\"slow down\"}" : "{\"MessageId\":\"0100-retried\"}").getBytes(StandardCharsets.UTF_8);
            if (n == 1) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "TooManyRequestsException");
            }
            exchange.sendResponseHeaders(n == 1 ? 429 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        assertThat(transport.send(email(), null)).isEqualTo("0100-retried");
        assertThat(requests).hasValue(2);
    }

    @Test
    void a_server_error_on_a_send_is_not_retried_and_its_outcome_is_unknown() throws IOException {
        start(new Answer(500, "InternalFailure", "{\"message\":\"oops\"}", 0));
        SesFailure failure = catchThrowableOfType(SesFailure.class, () -> transport.send(email(), null));
        assertThat(failure.reason()).as("SES may fail after taking the message").isEqualTo(SesFailure.Reason.OUTCOME_UNKNOWN);
        assertThat(requests).as("one attempt: SendEmail is not idempotent").hasValue(1);
        requests.set(0);
        SesFailure read = catchThrowableOfType(SesFailure.class, () -> transport.account());
        assertThat(read.reason()).as("a read that failed is just unavailable").isEqualTo(SesFailure.Reason.UNAVAILABLE);
        assertThat(read.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED);
    }

    @Test
    void a_connection_reset_after_the_request_was_written_is_one_attempt_with_an_unknown_outcome() throws Exception {
        AtomicInteger received = new AtomicInteger();
        try (ServerSocket resetting = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!resetting.isClosed()) {
                    try (java.net.Socket socket = resetting.accept()) {
                        byte[] buffer = new byte[65536];
                        int read = socket.getInputStream().read(buffer); // the request reached "SES"
                        if (read > 0) {
                            received.incrementAndGet();
                        }
                        socket.setSoLinger(true, 0); // then a reset instead of an answer
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            transport = transportTo("http://127.0.0.1:" + resetting.getLocalPort());
            SesFailure failure = catchThrowableOfType(SesFailure.class, () -> transport.send(email(), null));
            assertThat(failure.reason()).isEqualTo(SesFailure.Reason.OUTCOME_UNKNOWN);
            assertThat(received).as("the SDK's default strategy retries this; sent once here").hasValue(1);
        }
    }

    @Test
    void sts_failing_for_a_keys_credentials_is_not_sent_and_not_unknown() throws IOException {
        start(new Answer(200, null, "{\"MessageId\":\"0100-never\"}", 0));
        transport.close();
        transport = new AwsSesTransport(new AwsConnection("eu-west-1", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AKIDEXAMPLE", "secret"), CALL_TIMEOUT, keyId -> () -> {
                    throw new IllegalStateException("STS could not be reached");
                });
        SesFailure failure = catchThrowableOfType(SesFailure.class, () -> transport.send(email(), "KEY1"));
        assertThat(failure.reason()).isEqualTo(SesFailure.Reason.UNAVAILABLE);
        assertThat(failure.sesErrorCode()).isEqualTo("StsUnavailable");
        assertThat(requests).as("SES never called").hasValue(0);
    }

    @Test
    void no_answer_in_time_is_an_unknown_outcome_reported_within_the_call_timeout_and_not_retried() throws IOException {
        start(new Answer(200, null, "{\"MessageId\":\"0100-late\"}", 5_000));
        long started = System.nanoTime();
        SesFailure failure = catchThrowableOfType(SesFailure.class, () -> transport.send(email(), null));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(failure.reason()).isEqualTo(SesFailure.Reason.OUTCOME_UNKNOWN);
        assertThat(failure.kind()).isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
        assertThat(failure.getMessage()).contains("may have");
        assertThat(requests).as("the request reached SES once; a retry could send it twice").hasValue(1);
        assertThat(tookMillis).as("bounded by the call timeout").isLessThan(CALL_TIMEOUT.toMillis() + 1_000);
    }

    @Test
    void a_connection_never_made_is_not_sent_and_is_retried() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        transport = transportTo("http://127.0.0.1:" + closedPort);
        SesFailure failure = catchThrowableOfType(SesFailure.class, () -> transport.send(email(), null));
        assertThat(failure.reason()).as("nothing reached SES: not sent, a plain 502").isEqualTo(SesFailure.Reason.UNAVAILABLE);
        // the SDK's real exception for it, not a made-up one
        try (var client = AwsSesTransport.build(new AwsConnection("eu-west-1", "http://127.0.0.1:" + closedPort, "AKIDEXAMPLE", "secret"),
                CALL_TIMEOUT)) {
            SdkClientException real = catchThrowableOfType(SdkClientException.class, () -> client.getAccount(b -> { }));
            assertThat(SesCallPolicy.neverConnected(real)).as(String.valueOf(real)).isTrue();
            assertThat(SesCallPolicy.safeToRetry(real)).isTrue();
        }
    }

    @Test
    void the_predicates_tell_never_connected_from_no_answer() {
        SdkClientException refused = SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused"));
        SdkClientException readTimeout = SdkClientException.create("Unable to execute HTTP request", new SocketTimeoutException("Read timed out"));
        assertThat(SesCallPolicy.neverConnected(refused)).isTrue();
        assertThat(SesCallPolicy.safeToRetry(refused)).isTrue();
        assertThat(SesCallPolicy.outcomeUnknown(refused)).isFalse();
        assertThat(SesCallPolicy.neverConnected(readTimeout)).isFalse();
        assertThat(SesCallPolicy.safeToRetry(readTimeout)).isFalse();
        assertThat(SesCallPolicy.outcomeUnknown(readTimeout)).isTrue();
        assertThat(SesCallPolicy.outcomeUnknown(new IllegalStateException("not the SDK's"))).isFalse();
    }

    @Test
    void the_connect_timeout_leaves_room_for_retries_within_the_call() {
        assertThat(SesCallPolicy.connectTimeout(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(2));
        assertThat(SesCallPolicy.connectTimeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(500));
    }
}
