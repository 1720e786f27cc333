package io.sesame.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately impolite HTTP/1.1 client for the body-limit tests: it sends the headers and then keeps uploading
 * (declared or chunked) on its own thread while the main thread reads whatever the server answers — as an attacker
 * would, with no {@code Expect: 100-continue}. The upload stops when the socket is closed.
 */
final class RawHttp {

    record Answer(int status, String contentType, String body, Map<String, String> headers) {
        /** A response header by name (any case), or null. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /**
     * @param declared true: {@code Content-Length: bytes}; false: chunked transfer of {@code bytes}
     */
    static Answer upload(String path, Map<String, String> headers, long bytes, boolean declared) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", ItEnvironment.BASE.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append(declared ? "Content-Length: " + bytes : "Transfer-Encoding: chunked").append("\r\n\r\n");
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                    byte[] piece = new byte[64 * 1024];
                    Arrays.fill(piece, (byte) 'a');
                    for (long left = bytes; left > 0; left -= piece.length) {
                        int n = (int) Math.min(piece.length, left);
                        if (!declared) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(piece, 0, n);
                        if (!declared) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (!declared) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException stopped) {
                    // the server closed the connection on a refused upload: that is the point
                }
            });
            writer.setDaemon(true);
            writer.start();
            try {
                return read(socket.getInputStream());
            } finally {
                socket.close();
                writer.join(10_000);
            }
        }
    }

    /**
     * A small request sent from a chosen loopback source address (Linux answers for all of 127.0.0.0/8), so that a test
     * can be a trusted proxy (127.0.0.2 in the H2 run) or an ordinary client (127.0.0.1).
     */
    static Answer from(String sourceAddress, String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new java.net.InetSocketAddress(sourceAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", ItEnvironment.BASE.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an answer");
            }
            headBytes.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        int length = -1;
        Map<String, String> headers = new java.util.HashMap<>();
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(lower.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).strip();
            } else if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : new byte[0];
        return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8), headers);
    }
}
