package io.sesame.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local alert webhook receiver on 127.0.0.1:18091 (SESAME_ALERTS_WEBHOOK_URL in the ear pom). It fails the first
 * delivery of every alert with HTTP 500, so tests see Sesame retry, and records every request it gets.
 */
final class WebhookReceiver implements AutoCloseable {

    static final int PORT = 18091;

    /** One request as received. */
    record Received(String alertId, String signature, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> failedOnce = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 0);
        server.createContext("/alerts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String alertId = exchange.getRequestHeaders().getFirst("Sesame-Alert-Id");
            int status = failedOnce.putIfAbsent(String.valueOf(alertId), true) == null ? 500 : 204;
            received.add(new Received(alertId, exchange.getRequestHeaders().getFirst("Sesame-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    List<Received> forAlert(long alertId) {
        return received.stream().filter(r -> String.valueOf(alertId).equals(r.alertId())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
