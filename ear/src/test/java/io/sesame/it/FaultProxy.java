package io.sesame.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on 127.0.0.1 between Sesame and one of its dependencies (SES, STS, PostgreSQL) that the fault suite
 * switches between passing bytes and failing in the ways the real dependency fails: refusing connections (down,
 * unreachable), answering every HTTP request with a canned error (throttling, 5xx), or passing requests on and
 * swallowing the answers (a dependency that took the request and hangs). Every switch cuts the open connections, as
 * an outage or a recovery would, so pooled connections cannot slip past a fault.
 */
final class FaultProxy implements AutoCloseable {

    enum Mode { PASS, REFUSE, ANSWER, SWALLOW }

    private final String name;
    private final int port;
    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private volatile Mode mode = Mode.PASS;
    private volatile byte[] canned;
    private volatile ServerSocket listener;
    private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();

    FaultProxy(String name, int port, int upstreamPort) throws IOException {
        this.name = name;
        this.port = port;
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy-" + name);
            t.setDaemon(true);
            return t;
        });
        listen();
    }

    int port() {
        return port;
    }

    Mode mode() {
        return mode;
    }

    /** How many HTTP requests got the canned answer so far (what Sesame's SDK sent while the fault lasted). */
    int answered() {
        return answered.get();
    }

    /** Passes bytes both ways (the dependency is healthy). */
    synchronized void pass() throws IOException {
        switchTo(Mode.PASS);
        listen();
    }

    /** The dependency is down or unreachable: new connections are refused, open ones cut. */
    synchronized void refuse() throws IOException {
        switchTo(Mode.REFUSE);
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
        }
    }

    /** Answers every HTTP request with this status, AWS error type and JSON body (as SES throttling or a 5xx would). */
    synchronized void answer(int status, String awsErrorType, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Fault\r\nContent-Type: application/json\r\nx-amzn-ErrorType: " + awsErrorType
                + "\r\nx-amzn-RequestId: fault-proxy\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] response = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, response, 0, head.length());
        System.arraycopy(body, 0, response, head.length(), body.length);
        canned = response;
        switchTo(Mode.ANSWER);
        listen();
    }

    /** Passes requests on and drops the answers: the dependency acted and never answered. */
    synchronized void swallowAnswers() throws IOException {
        switchTo(Mode.SWALLOW);
        listen();
    }

    /**
     * Connections are registered before their mode is read ({@link #accept}), so every connection is either closed
     * here or sees the new mode: none survives a switch in the old one.
     */
    private void switchTo(Mode next) {
        mode = next;
        for (Socket s : open) {
            closeQuietly(s);
            open.remove(s);
        }
    }

    private void listen() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        listener = socket;
        threads.execute(() -> accept(socket));
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Mode now = mode; // read after registering: a switch from here on closes this connection
                threads.execute(() -> serve(client, now));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client, Mode now) {
        try {
            switch (now) {
                case PASS -> relay(client, false);
                case SWALLOW -> relay(client, true);
                case ANSWER -> answerEach(client);
                case REFUSE -> closeQuietly(client);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
        }
    }

    private void relay(Socket client, boolean swallow) throws IOException {
        Socket server = new Socket();
        open.add(server);
        try {
            server.connect(upstream, 2_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        threads.execute(() -> copy(client, server, null));
        copy(server, client, swallow ? OutputStream.nullOutputStream() : null);
    }

    /** Copies until either side closes, then closes both; {@code sink} replaces the destination when given. */
    private void copy(Socket from, Socket to, OutputStream sink) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = sink != null ? sink : to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed or the proxy cut it
        } finally {
            if (sink == null) {
                closeQuietly(from);
                closeQuietly(to);
            }
            open.remove(from);
        }
    }

    /** Reads each HTTP/1.1 request (head and Content-Length body) and writes the canned answer. */
    private void answerEach(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        while (true) {
            String head = readHead(in);
            if (head == null) {
                closeQuietly(client);
                return;
            }
            long length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring("content-length:".length()).strip());
                }
            }
            in.skipNBytes(length);
            answered.incrementAndGet();
            out.write(canned);
            out.flush();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public synchronized void close() throws IOException {
        refuse();
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "FaultProxy[" + name + " 127.0.0.1:" + port + " -> " + upstream.getPort() + ", " + mode + "]";
    }
}
