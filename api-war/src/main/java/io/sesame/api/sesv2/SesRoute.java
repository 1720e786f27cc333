package io.sesame.api.sesv2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A route of SES v2's REST binding ({@code GET /v2/email/templates/{TemplateName}}) and how a request matches it. */
public final class SesRoute {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    private final String method;
    private final String template;
    private final Pattern path;
    private final List<String> parameters = new ArrayList<>();

    private SesRoute(String method, String template) {
        this.method = method;
        this.template = template;
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            parameters.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        this.path = Pattern.compile(regex.toString());
    }

    /** @param route {@code METHOD /path/{Parameter}} */
    public static SesRoute parse(String route) {
        String[] parts = route.split(" ", 2);
        if (parts.length != 2 || !parts[0].matches("GET|POST|PUT|DELETE") || !parts[1].startsWith("/v2/")) {
            throw new IllegalArgumentException("not a route: " + route);
        }
        return new SesRoute(parts[0], parts[1]);
    }

    /** The decoded path parameters when method and path match. */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        Matcher m = path.matcher(requestPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            values.put(parameters.get(i), decode(parameters.get(i), m.group(i + 1)));
        }
        return Optional.of(values);
    }

    /**
     * One path label, decoded once (the SDK percent-encodes labels; a literal '+' stays a plus, it is not a form). A
     * malformed escape is SES's SerializationException; a decoded slash, backslash, dot segment or control character
     * names nothing SES has and is refused.
     */
    static String decode(String name, String raw) {
        String value;
        try {
            value = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SesError(400, "SerializationException", name + ": malformed percent-encoding in the path");
        }
        if (value.isEmpty() || value.equals(".") || value.equals("..") || value.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f)) {
            throw new SesError(400, "BadRequestException", name + " is not a valid " + name);
        }
        return value;
    }

    public String method() {
        return method;
    }

    /** Method and path with every parameter as {@code {}}: two routes of one shape match the same requests. */
    String shape() {
        return method + " " + PARAMETER.matcher(template).replaceAll("{}");
    }

    /** The path with its parameters in braces. */
    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
