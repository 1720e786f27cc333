package io.sesame.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * STS has no emulator: a JDK HttpServer on 127.0.0.1:18092 (SESAME_STS_ENDPOINT in the ear pom) that answers
 * AssumeRole in STS's XML, with the duration asked for, and records each request's form parameters.
 */
final class StsStub implements AutoCloseable {

    static final int PORT = 18092;

    private final HttpServer server;
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    StsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 0);
        server.createContext("/", exchange -> {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            requests.add(form);
            String expiration = Instant.now().plusSeconds(Long.parseLong(form.getOrDefault("DurationSeconds", "3600")))
                    .truncatedTo(ChronoUnit.SECONDS).toString();
            String xml = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                    + "<SourceIdentity>" + form.get("SourceIdentity") + "</SourceIdentity>"
                    + "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLEID:" + form.get("RoleSessionName") + "</AssumedRoleId>"
                    + "<Arn>arn:aws:sts::123456789012:assumed-role/sesame-vend/" + form.get("RoleSessionName") + "</Arn></AssumedRoleUser>"
                    + "<Credentials><AccessKeyId>ASIAEXAMPLEVENDED</AccessKeyId><SecretAccessKey>vended-secret</SecretAccessKey>"
                    + "<SessionToken>vended-session-token</SessionToken><Expiration>" + expiration + "</Expiration></Credentials>"
                    + "<PackedPolicySize>12</PackedPolicySize></AssumeRoleResult>"
                    + "<ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></AssumeRoleResponse>";
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
