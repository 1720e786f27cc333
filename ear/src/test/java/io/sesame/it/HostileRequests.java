package io.sesame.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The hostile client's requests for {@link SesameIT}: each endpoint's body limit (declared and streamed), fields over
 * their limits, header smuggling in raw MIME, refusals at every door. Each case names what the answer must be.
 */
final class HostileRequests {

    private HostileRequests() {
    }

    /** One hostile request and the answer it must get: a 4xx, problem+json (or SES's shape), the code when given. */
    record Case(String name, Supplier<HttpRequest.Builder> request, int status, String code, boolean audited) {
    }

    static HttpRequest.Builder json(String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    static String raw(String mime) {
        return "{\"raw\":\"" + Base64.getEncoder().encodeToString(mime.getBytes(StandardCharsets.ISO_8859_1)) + "\"}";
    }

    static String simple(String from, String subject) {
        return Json.createObjectBuilder().add("from", from).add("to", Json.createArrayBuilder().add("a@example.net"))
                .add("subject", subject).add("text", "t").build().toString();
    }

    /**
     * @param sender a token of a key with ses:SendEmail (not bulk), From scope noreply@example.com, Reply-To scope
     *               help@example.com
     */
    static List<Case> cases(String sender) {
        List<Case> cases = new ArrayList<>();
        String ok = "noreply@example.com";
        // fields over their limits (authenticated: audited as invalid_message)
        cases.add(new Case("From of 400 characters (dry run)", () -> json("/api/v1/emails/check", sender, simple("a".repeat(400) + "@example.com", "s")), 400, "invalid_message", true));
        cases.add(new Case("From of 400 characters", () -> json("/api/v1/emails", sender, simple("a".repeat(400) + "@example.com", "s")), 400, "invalid_message", true));
        cases.add(new Case("subject of 2 MB", () -> json("/api/v1/emails", sender, simple(ok, "s".repeat(2_000_000))), 400, "invalid_message", true));
        cases.add(new Case("display name of 300", () -> json("/api/v1/emails", sender, simple("\"" + "n".repeat(300) + "\" <" + ok + ">", "s")), 400, "invalid_message", true));
        cases.add(new Case("51 recipients", () -> json("/api/v1/emails", sender, "{\"from\":\"" + ok + "\",\"to\":[" + "\"a@example.net\",".repeat(50)
                + "\"b@example.net\"],\"subject\":\"s\",\"text\":\"t\"}"), 400, "invalid_message", true));
        cases.add(new Case("tag value with a dot", () -> json("/api/v1/emails", sender, "{\"from\":\"" + ok + "\",\"to\":[\"a@example.net\"],"
                + "\"subject\":\"s\",\"text\":\"t\",\"tags\":{\"a\":\"b.c\"}}"), 400, "invalid_message", true));
        cases.add(new Case("not JSON", () -> json("/api/v1/emails", sender, "{\"from\":"), 400, "invalid_message", true));
        cases.add(new Case("NUL in the subject", () -> json("/api/v1/emails", sender, simple(ok, "a\u0000b")), 400, "invalid_message", true));
        // raw MIME smuggling
        cases.add(new Case("raw: bare CR", () -> json("/api/v1/emails", sender, raw("From: " + ok + "\rBcc: v@x.com\r\nTo: a@example.net\r\n\r\nx")), 400, "invalid_message", true));
        cases.add(new Case("raw: bare LF", () -> json("/api/v1/emails", sender, raw("From: " + ok + "\nBcc: v@x.com\r\nTo: a@example.net\r\n\r\nx")), 400, "invalid_message", true));
        cases.add(new Case("raw: two From", () -> json("/api/v1/emails", sender, raw("From: " + ok + "\r\nFrom: ceo@evil.example\r\nTo: a@example.net\r\n\r\nx")), 400, "invalid_message", true));
        cases.add(new Case("raw: Bcc header", () -> json("/api/v1/emails", sender, raw("From: " + ok + "\r\nTo: a@example.net\r\nBcc: v@x.com\r\n\r\nx")), 400, "invalid_message", true));
        cases.add(new Case("raw: encoded CRLF in Subject", () -> json("/api/v1/emails", sender, raw("From: " + ok + "\r\nTo: a@example.net\r\n"
                + "Subject: =?UTF-8?Q?a=0D=0ABcc:_v@x.com?=\r\n\r\nx")), 400, "invalid_message", true));
        cases.add(new Case("raw: Sender outside the From scope", () -> json("/api/v1/emails", sender, raw("From: " + ok + "\r\nSender: ceo@evil.example\r\n"
                + "To: a@example.net\r\n\r\nx")), 403, "sender_not_allowed", true));
        cases.add(new Case("raw: Return-Path outside the From scope", () -> json("/api/v1/emails", sender, raw("Return-Path: <bounces@evil.example>\r\nFrom: " + ok
                + "\r\nTo: a@example.net\r\n\r\nx")), 403, "sender_not_allowed", true));
        cases.add(new Case("Reply-To outside its scope", () -> json("/api/v1/emails", sender, "{\"from\":\"" + ok + "\",\"to\":[\"a@example.net\"],"
                + "\"replyTo\":[\"phish@evil.example\"],\"subject\":\"s\",\"text\":\"t\"}"), 403, "reply_to_not_allowed", true));
        // another door, another permission
        cases.add(new Case("bulk without ses:SendBulkEmail", () -> json("/api/v1/emails/bulk", sender, "{}"), 403, "permission_missing", true));
        cases.add(new Case("garbage bearer token", () -> json("/api/v1/emails", "not-a-jwt", simple(ok, "s")), 401, "invalid_token", false));
        return cases;
    }

    /** An upload over its endpoint's limit, sent as an impolite client would (no Expect: 100-continue). */
    record Upload(String name, String path, String contentType, String token, long bytes, boolean declared, int status) {
    }

    static List<Upload> uploads(String sender) {
        long sendLimit = 10L * 1024 * 1024 / 3 * 4 + 512 * 1024;
        String form = "application/x-www-form-urlencoded";
        return List.of(
                // declared over the limit: refused before authentication, without reading a byte
                new Upload("send body 15 MB declared", "/api/v1/emails", "application/json", sender, 15L << 20, true, 413),
                new Upload("token endpoint 20 KB declared", "/api/v1/oauth/token", form, null, 20_000, true, 413),
                new Upload("introspection 20 KB declared", "/api/v1/oauth/introspect", form, null, 20_000, true, 413),
                new Upload("revocation 20 KB declared", "/api/v1/oauth/revoke", form, null, 20_000, true, 413),
                new Upload("SNS endpoint 600 KB declared", "/api/v1/ses/notifications", "text/plain", null, 600_000, true, 413),
                new Upload("admin API 2 MB declared", "/api/v1/admin/applications", "application/json", null, 2L << 20, true, 413),
                new Upload("SES endpoint 20 MB declared", "/api/ses/v2/email/outbound-emails", "application/json", null, 20L << 20, true, 413),
                // streamed without a Content-Length: cut off while reading
                new Upload("token endpoint 40 KB chunked", "/api/v1/oauth/token", form, null, 40_000, false, 413),
                new Upload("send body just over the limit chunked", "/api/v1/emails", "application/json", sender, sendLimit + 100_000, false, 413),
                new Upload("SES endpoint 20 MB chunked, no signature", "/api/ses/v2/email/outbound-emails", "application/json", null, 20L << 20, false, 403));
    }

    static void check(Upload u) throws IOException, InterruptedException {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", u.contentType());
        if (u.token() != null) {
            headers.put("Authorization", "Bearer " + u.token());
        }
        RawHttp.Answer answer = RawHttp.upload(u.path(), headers, u.bytes(), u.declared());
        assertThat(answer.status()).as("%s: %s", u.name(), answer.body()).isEqualTo(u.status());
        if (!u.path().startsWith("/api/ses/")) {
            assertThat(answer.contentType()).as(u.name()).startsWith("application/problem+json");
            assertThat(answer.body()).as(u.name()).contains("body_too_large");
        }
    }

    /** Sends the case; the answer must be its 4xx with a problem (or SES's error shape). */
    static HttpResponse<String> check(Case c) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = Http.send(c.request().get());
        } catch (IOException e) {
            throw new AssertionError(c.name() + ": no answer (" + e + ")", e);
        }
        assertThat(response.statusCode()).as("%s: %s", c.name(), response.body()).isEqualTo(c.status());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (c.request().get().build().uri().getPath().startsWith("/api/ses/")) {
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(c.name()).isPresent();
        } else {
            assertThat(type).as(c.name()).startsWith("application/problem+json");
            JsonObject problem = Http.json(response);
            if (c.code() != null) {
                assertThat(problem.getString("code", problem.getString("error", "?"))).as(c.name()).isEqualTo(c.code());
            }
        }
        return response;
    }
}
