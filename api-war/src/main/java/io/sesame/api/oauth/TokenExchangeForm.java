package io.sesame.api.oauth;

import jakarta.ws.rs.FormParam;
import java.util.Set;

/** The RFC 8693 §2.1 parameters of a token-exchange request, and what Sesame accepts of them. */
public class TokenExchangeForm {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final Set<String> SUBJECT_TOKEN_TYPES = Set.of("urn:ietf:params:oauth:token-type:jwt",
            "urn:ietf:params:oauth:token-type:id_token");

    @FormParam("subject_token")
    String subjectToken;

    @FormParam("subject_token_type")
    String subjectTokenType;

    @FormParam("requested_token_type")
    String requestedTokenType;

    @FormParam("actor_token")
    String actorToken;

    @FormParam("audience")
    String audience;

    @FormParam("resource")
    String resource;

    public String subjectToken() {
        return subjectToken;
    }

    /**
     * Why the request cannot be served, or null. A message starting with "audience" or "resource" is RFC 8693's
     * {@code invalid_target}; the others {@code invalid_request}.
     */
    String problem(String sesameAudience) {
        if (subjectToken == null || subjectToken.isBlank()) {
            return "subject_token (the workload's OIDC token) is required";
        }
        if (subjectTokenType == null || !SUBJECT_TOKEN_TYPES.contains(subjectTokenType)) {
            return "subject_token_type must be urn:ietf:params:oauth:token-type:jwt or urn:ietf:params:oauth:token-type:id_token";
        }
        if (requestedTokenType != null && !requestedTokenType.equals(ACCESS_TOKEN_TYPE)
                && !requestedTokenType.equals("urn:ietf:params:oauth:token-type:jwt")) {
            return "requested_token_type: Sesame issues access tokens only (" + ACCESS_TOKEN_TYPE + ")";
        }
        if (actorToken != null) {
            return "actor_token: delegation is not supported; the subject_token alone is exchanged";
        }
        if (audience != null && !audience.equals(sesameAudience)) {
            return "audience: Sesame issues tokens for its own audience (" + sesameAudience + ") only";
        }
        if (resource != null) {
            return "resource: not supported; leave it out";
        }
        return null;
    }
}
