package io.sesame.platform.boundary;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How Sesame fetches an issuer's discovery document and keys (nimbus' {@link ResourceRetriever}, on the JDK's HTTP
 * client): one deadline for the whole fetch (a server dribbling bytes is cut off when it passes, not after each slow
 * read), at most {@code maxBytes}, status 200 only, no redirects, and never to a loopback, private, link-local or
 * otherwise internal address unless the operator allows it — the host is resolved and checked before each fetch. (The
 * JDK resolves it again to connect; a DNS answer that changes in between is the residual risk, see README.)
 */
public final class BoundedFetch implements ResourceRetriever, AutoCloseable {

    private final HttpClient client;
    private final Duration deadline;
    private final int maxBytes;
    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final ScheduledExecutorService cutter;

    public BoundedFetch(Duration deadline, int maxBytes, boolean allowLoopback, boolean allowPrivate) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(deadline).build();
        this.cutter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sesame-federation-fetch-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowLoopback)) {
            throw new IOException("only https is fetched");
        }
        checkAddresses(uri.getHost());
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(deadline).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        InputStream body = response.body();
        long left = deadline.toNanos() - (System.nanoTime() - started);
        ScheduledFuture<?> cut = cutter.schedule(() -> closeQuietly(body), Math.max(1, left), TimeUnit.NANOSECONDS);
        try (body) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri.getHost());
            }
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException("the document is larger than " + maxBytes + " bytes");
            }
            if (System.nanoTime() - started > deadline.toNanos()) {
                throw new IOException("the fetch took longer than " + deadline.toMillis() + " ms");
            }
            return new Resource(new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            if (System.nanoTime() - started > deadline.toNanos()) {
                throw new IOException("the fetch took longer than " + deadline.toMillis() + " ms");
            }
            throw e;
        } finally {
            cut.cancel(false);
        }
    }

    /** Refuses hosts that resolve to an internal address (any of their addresses). */
    void checkAddresses(String host) throws IOException {
        if (host == null) {
            throw new IOException("no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve " + host);
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()) {
                if (!allowLoopback) {
                    throw new IOException(host + " is a loopback address");
                }
            } else if (!allowPrivate && io.sesame.platform.control.InternalAddresses.internal(address)) {
                throw new IOException(host + " resolves to an internal address (" + address.getHostAddress()
                        + "); set sesame.federation.allow-private-addresses for an issuer inside your network");
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the fetch is being cut off: nothing to report
        }
    }

    @Override
    public void close() {
        cutter.shutdownNow();
    }
}
