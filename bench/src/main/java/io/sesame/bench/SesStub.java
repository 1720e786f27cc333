package io.sesame.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A zero-latency SES v2 stub for load tests: answers SendEmail (and anything else) at once with a message id.
 * TCP_NODELAY is on (without it every call waits ~40 ms for Nagle + delayed ACK). Binds 127.0.0.1 only.
 *
 *   java -cp bench/target/benchmarks.jar io.sesame.bench.SesStub 18095
 */
public final class SesStub implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong sent = new AtomicLong();

    public SesStub(int port, int threads) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"MessageId\":\"stub-" + sent.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18095;
        try (SesStub stub = new SesStub(port, 16)) {
            System.out.println("SES stub listening on 127.0.0.1:" + port);
            Thread.currentThread().join();
        }
    }
}
