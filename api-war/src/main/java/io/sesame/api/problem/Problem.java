package io.sesame.api.problem;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. Plain HTTP errors use {@code about:blank} (the title is the status phrase);
 * Sesame's own errors carry a machine-readable {@code code} and the type {@code urn:sesame:problem:<code>}.
 */
public record Problem(String type, String title, int status, String detail, String code, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Problem ofStatus(int status, String detail, String requestId) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return new Problem("about:blank", title, status, detail, null, requestId);
    }

    public static Problem ofCode(int status, String code, String title, String detail, String requestId) {
        return new Problem("urn:sesame:problem:" + code, title, status, detail, code, requestId);
    }

    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (code != null) {
            json.add("code", code);
        }
        if (requestId != null) {
            json.add("requestId", requestId);
        }
        return json.build().toString();
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(toJson()).build();
    }
}
