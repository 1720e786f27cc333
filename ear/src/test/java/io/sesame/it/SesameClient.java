package io.sesame.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/** Calls Sesame's API the way an application or an automation script would. */
final class SesameClient {

    private SesameClient() {
    }

    static Properties bootstrapCredentials() throws IOException {
        Path file = ItEnvironment.dataDir().resolve("bootstrap-credentials.properties");
        Properties credentials = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            credentials.load(in);
        }
        return credentials;
    }

    static String bootstrapKey() throws IOException {
        return bootstrapCredentials().getProperty("api.key");
    }

    /** The bootstrap key's public id: the 12 characters after the {@code sesame_} prefix. */
    static String bootstrapKeyId() throws IOException {
        return bootstrapKey().substring("sesame_".length(), "sesame_".length() + 12);
    }

    static HttpResponse<String> tokenRequest(Map<String, String> form) throws IOException, InterruptedException {
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    static HttpResponse<String> tokenRequestBasic(String keyId, String apiKey) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((keyId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    /** A token for the key, or an assertion error with Sesame's answer. */
    static String token(String apiKey) throws IOException, InterruptedException {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", apiKey));
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return Http.json(response).getString("access_token");
    }

    static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).header("Authorization", "Bearer " + token).GET());
    }

    static HttpResponse<String> post(String path, String token, JsonObject body) throws IOException, InterruptedException {
        return Http.send(HttpRequest.newBuilder(Http.uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
    }

    static HttpResponse<String> put(String path, String token, JsonObject body) throws IOException, InterruptedException {
        return Http.send(HttpRequest.newBuilder(Http.uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    static HttpResponse<String> postForm(String path, String token, Map<String, String> form)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(Http.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return Http.send(builder);
    }

    /** Creates an application with a unique name; returns its id. */
    static String createApplication(String adminToken, String prefix) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/v1/admin/applications", adminToken, Json.createObjectBuilder()
                .add("name", prefix + "-" + UUID.randomUUID())
                .add("owner", "team-it")
                .add("contactEmail", "it@example.com")
                .build());
        if (response.statusCode() != 201) {
            throw new AssertionError("create application failed: " + response.statusCode() + " " + response.body());
        }
        return Http.json(response).getString("id");
    }

    /** Issues a key; returns the whole response (keyId, apiKey, …). */
    static JsonObject issueKey(String adminToken, String applicationId, JsonObject policy)
            throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/v1/admin/applications/" + applicationId + "/keys", adminToken,
                Json.createObjectBuilder().add("name", "it-key").add("expiresInDays", 30).add("policy", policy).build());
        if (response.statusCode() != 201) {
            throw new AssertionError("issue key failed: " + response.statusCode() + " " + response.body());
        }
        return Http.json(response);
    }

    static JsonObject policy(String... permissions) {
        var array = Json.createArrayBuilder();
        for (String p : permissions) {
            array.add(p);
        }
        return Json.createObjectBuilder().add("permissions", array).build();
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The decoded JOSE header of a compact JWT (test inspection only). */
    static JsonObject header(String jwt) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        return (JsonObject) Http.parse(json);
    }
}
