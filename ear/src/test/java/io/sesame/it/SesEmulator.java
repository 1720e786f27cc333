package io.sesame.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the third-party SES v2 emulator (aws-ses-v2-local, installed in tools/ses-emulator by the build) on
 * 127.0.0.1 when the run uses the aws transport, and stops it by PID when the run ends. Register it before
 * ArquillianExtension.
 */
public class SesEmulator implements BeforeAllCallback {

    /** GetAccount's answer; the emulator validates it against the full SES v2 shape. */
    static final String ACCOUNT = "{\"DedicatedIpAutoWarmupEnabled\":false,\"Details\":{\"AdditionalContactEmailAddresses\":[],\"Conta"
            + "ctLanguage\":\"EN\",\"MailType\":\"TRANSACTIONAL\",\"ReviewDetails\":{\"CaseId\":\"none\",\"Status\""
            + ":\"GRANTED\"},\"UseCaseDescription\":\"Sesame integration tests\",\"WebsiteURL\":\"https://example.c"
            + "om\"},\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,\"SendingEnabled\":true,\"SendQuota\":{\"Max24HourSend\":50000,\"MaxSendRate\":14,\"SentLast24Hours\":0},\"SuppressionAttributes\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!ItEnvironment.usesAwsTransport()) {
            return;
        }
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SesEmulator.class, k -> {
            try {
                return new Running(start());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the SES emulator: " + e.getMessage(), e);
            }
        }, Running.class);
    }

    private static Process start() throws Exception {
        Path dir = Path.of(System.getProperty("sesame.ses.emulator.dir"));
        Path cli = dir.resolve("node_modules/aws-ses-v2-local/dist/cli.js");
        if (!Files.exists(cli)) {
            throw new IllegalStateException(cli + " is missing: run 'npm ci' in " + dir + " (the build does it)");
        }
        URI endpoint = ItEnvironment.sesEndpoint();
        Path log = ItEnvironment.dataDir().getParent().resolve("ses-emulator.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "-r", dir.resolve("error-types.cjs").toString(),
                cli.toString(), "--host", "127.0.0.1", "--port", String.valueOf(endpoint.getPort())))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AWS_SES_ACCOUNT", ACCOUNT);
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the SES emulator exited; see " + log);
            }
            try {
                HttpResponse<String> health = Http.send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/health-check")).GET());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the SES emulator did not answer within 30 s; see " + log);
    }

    /** Stopped when the test run ends (root store closes). */
    record Running(Process process) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
