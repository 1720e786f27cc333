package io.sesame.api.problem;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: a caller's {@code X-Request-Id} is kept when it is short and plain, else a new one is made. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "io.sesame.requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private RequestIds() {
    }

    /** The id given to this request by {@link RequestIdFilter}. */
    public static String of(jakarta.servlet.http.HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? null : id.toString();
    }

    /** Gives the request its id (once: later calls keep it) and echoes it in the response. */
    public static String assign(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing != null) {
            return existing.toString();
        }
        String requestId = acceptOrCreate(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(HEADER, requestId);
        return requestId;
    }

    public static String acceptOrCreate(String presented) {
        if (presented != null && ACCEPTABLE.matcher(presented).matches()) {
            return presented;
        }
        return UUID.randomUUID().toString();
    }
}
