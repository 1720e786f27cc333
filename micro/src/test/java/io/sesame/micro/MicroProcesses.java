package io.sesame.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the Payara Micro tests share: waiting for an instance, stopping it by its process, cleaning its directory. */
final class MicroProcesses {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MicroProcesses() {
    }

    /** Polls {@code path} until it answers 200 with {@code expected} in the body; fails early when the process died. */
    static HttpResponse<String> awaitOk(Process micro, Path log, URI base, String path, String expected, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            assertThat(micro.isAlive()).as("Payara Micro exited early; see %s", log).isTrue();
            try {
                last = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200 && last.body().contains(expected)) {
                    return last;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Payara Micro: no 200 from " + path + " within " + limit + "; last answer: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()) + "; log: " + log);
    }

    /**
     * The command for one Payara Micro instance serving the API war alone on loopback, without a cluster, with its
     * state under {@code dataDir}/micro-root.
     */
    static List<String> apiOnlyInstance(Path dataDir, int port, int gridStartPort) {
        Path dir = Path.of(System.getProperty("sesame.micro.dir"));
        return new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dhazelcast.socket.bind.any=false", "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl",
                "-jar", dir.resolve("payara-micro.jar").toString(),
                "--deploy", dir.resolve("api.war").toString(),
                "--port", String.valueOf(port),
                "--prebootcommandfile", dir.resolve("preboot.txt").toString(),
                "--nocluster",
                "--interfaces", "127.0.0.1", "--hzpublicaddress", "127.0.0.1", "--startport", String.valueOf(gridStartPort),
                "--rootdir", dataDir.resolve("micro-root").toString()));
    }

    /** TERM to the process and its children, KILL after 30 s. */
    static void stop(Process micro) throws InterruptedException {
        if (micro == null) {
            return;
        }
        micro.descendants().forEach(ProcessHandle::destroy);
        micro.destroy();
        if (!micro.waitFor(30, TimeUnit.SECONDS)) {
            micro.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
