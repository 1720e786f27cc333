package io.sesame.sigv4.control;

import io.sesame.platform.control.Digests;
import io.sesame.platform.control.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Verifies AWS Signature Version 4 (Authorization header form) by the published algorithm: the canonical request is
 * rebuilt from the request exactly as received — method, path (normalized and URI-encoded as non-S3 services do),
 * query (decoded, re-encoded, sorted), only the headers the client listed in SignedHeaders (trimmed, folded,
 * repeated values joined), and the SHA-256 of the body received — then the string to sign and the HMAC-SHA-256
 * chain of the credential scope (date, region, service). The signature is compared in constant time, the scope and
 * x-amz-date must agree, and the request time must be within the allowed skew.
 */
public final class SigV4Verifier {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** A request as it arrived: the path and query undecoded, every header line in order, the body bytes. */
    public record Request(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    /** Who signed, where, and when. */
    /** @param signature the request's signature (hex): what identifies it for the replay guard */
    public record Verified(String accessKeyId, String region, Instant signedAt, String signature) {
    }

    private final String service;
    private final Set<String> regions;
    private final Duration maxSkew;
    private final boolean normalizePath;

    /**
     * @param regions the regions a credential scope may name (empty: any)
     * @param normalizePath remove dot segments and repeated slashes (every service but S3 does)
     */
    public SigV4Verifier(String service, Set<String> regions, Duration maxSkew, boolean normalizePath) {
        this.service = service;
        this.regions = regions;
        this.maxSkew = maxSkew;
        this.normalizePath = normalizePath;
    }

    /**
     * @param secretOf the secret of an access key id, or null when the id is unknown
     * @throws SigV4Failure naming what is wrong, with the AWS error code for it
     */
    public Verified verify(Request request, Function<String, String> secretOf, Instant now) {
        List<String> authorizations = values(request.headers(), "authorization");
        if (authorizations.isEmpty()) {
            if (request.rawQuery() != null && request.rawQuery().contains("X-Amz-Signature=")) {
                throw SigV4Failure.incomplete("presigned (query-string) requests are not accepted: sign the Authorization header");
            }
            throw new SigV4Failure(ErrorKind.UNAUTHENTICATED, "MissingAuthenticationTokenException", "Request is missing Authentication Token (an AWS "
                    + "Signature Version 4 Authorization header signed with the key's SigV4 credentials)");
        }
        if (authorizations.size() > 1) {
            throw SigV4Failure.incomplete("more than one Authorization header");
        }
        Authorization auth = Authorization.parse(authorizations.get(0));
        if (!auth.service().equals(service)) {
            throw SigV4Failure.mismatch("Credential should be scoped to correct service: '" + service + "'");
        }
        if (!regions.isEmpty() && !regions.contains(auth.region())) {
            throw SigV4Failure.mismatch("Credential should be scoped to a valid region: " + String.join(", ", regions));
        }
        if (!auth.signedHeaders().contains("host")) {
            throw SigV4Failure.incomplete("SignedHeaders must include host");
        }
        List<String> dates = values(request.headers(), "x-amz-date");
        if (dates.size() != 1 || !auth.signedHeaders().contains("x-amz-date")) {
            throw SigV4Failure.incomplete("one X-Amz-Date header is required, and it must be signed");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(dates.get(0).strip()));
        } catch (DateTimeParseException e) {
            throw SigV4Failure.incomplete("X-Amz-Date must look like 20260131T120000Z");
        }
        if (!AMZ_DATE.format(signedAt).substring(0, 8).equals(auth.date())) {
            throw SigV4Failure.mismatch("Date in Credential scope does not match YYYYMMDD from X-Amz-Date");
        }
        if (Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
            throw new SigV4Failure(ErrorKind.UNAUTHENTICATED, "InvalidSignatureException", "Signature expired: " + AMZ_DATE.format(signedAt)
                    + " is more than " + maxSkew.toMinutes() + " minutes from the server time " + AMZ_DATE.format(now));
        }
        String bodyHash = hex(sha256(request.body() == null ? new byte[0] : request.body()));
        List<String> contentSha = values(request.headers(), "x-amz-content-sha256");
        if (!contentSha.isEmpty() && !contentSha.get(0).strip().equals(bodyHash)) {
            throw SigV4Failure.mismatch("x-amz-content-sha256 does not match the body received (unsigned payloads are not accepted)");
        }
        String secret = secretOf.apply(auth.accessKeyId());
        if (secret == null) {
            throw new SigV4Failure(ErrorKind.UNAUTHENTICATED, "UnrecognizedClientException", "The security token included in the request is invalid "
                    + "(unknown access key id " + auth.accessKeyId() + ")");
        }
        String canonical = canonicalRequest(request, auth.signedHeaders(), bodyHash);
        String stringToSign = ALGORITHM + "\n" + dates.get(0).strip() + "\n" + auth.scope() + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = signingKey(secret, auth.date(), auth.region(), auth.service());
        if (!Digests.constantTimeEquals(Digests.hmacSha256Hex(key, stringToSign), auth.signature())) {
            throw SigV4Failure.mismatch("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
        return new Verified(auth.accessKeyId(), auth.region(), signedAt, auth.signature());
    }

    /**
     * The access key id a request names, read from its Authorization header alone — so that a request for an unknown
     * key is refused before its body is read.
     *
     * @throws SigV4Failure when the header is missing or malformed
     */
    public static String accessKeyIdOf(List<Map.Entry<String, String>> headers) {
        List<String> authorizations = values(headers, "authorization");
        if (authorizations.size() != 1) {
            throw new SigV4Failure(ErrorKind.UNAUTHENTICATED, "MissingAuthenticationTokenException", "Request is missing Authentication Token (one "
                    + "AWS Signature Version 4 Authorization header signed with the key's SigV4 credentials)");
        }
        return Authorization.parse(authorizations.get(0)).accessKeyId();
    }

    /** The canonical request for the headers the client signed. */
    public String canonicalRequest(Request r, List<String> signedHeaders, String bodyHash) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : r.headers()) {
            byName.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = byName.get(name);
            if (values == null) {
                throw SigV4Failure.incomplete("signed header '" + name + "' is missing from the request");
            }
            headers.append(name).append(':')
                    .append(values.stream().map(SigV4Verifier::canonicalValue).collect(Collectors.joining(","))).append('\n');
        }
        return r.method().toUpperCase(Locale.ROOT) + "\n" + canonicalPath(r.rawPath()) + "\n" + canonicalQuery(r.rawQuery()) + "\n"
                + headers + "\n" + String.join(";", signedHeaders) + "\n" + bodyHash;
    }

    String canonicalPath(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (normalizePath) {
            path = normalize(path);
        }
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            out.append(c == '/' ? "/" : encodeByte(b));
        }
        return out.toString();
    }

    /** RFC 3986 dot-segment removal, and repeated slashes collapsed, keeping a trailing slash. */
    static String normalize(String path) {
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        String joined = "/" + String.join("/", segments);
        return trailing && !joined.equals("/") ? joined + "/" : joined;
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = encode(decode(eq < 0 ? pair : pair.substring(0, eq)));
            String value = eq < 0 ? "" : encode(decode(pair.substring(eq + 1)));
            sorted.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return sorted.entrySet().stream()
                .flatMap(e -> e.getValue().stream().sorted().map(v -> e.getKey() + "=" + v))
                .collect(Collectors.joining("&"));
    }

    /** Trimmed, obs-folds and runs of spaces collapsed to one space (quoted strings too, as AWS does). */
    static String canonicalValue(String value) {
        return value.replaceAll("[\\r\\n]+", " ").strip().replaceAll("[ \\t]+", " ");
    }

    /** Percent-decoding of a query component ('+' is a plus, as SigV4 clients never send spaces as '+'). */
    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** SigV4 URI encoding: unreserved characters as they are, every other byte as %XX (upper case). */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(encodeByte(b));
        }
        return out.toString();
    }

    private static String encodeByte(byte b) {
        char c = (char) (b & 0xFF);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
            return String.valueOf(c);
        }
        return String.format("%%%02X", b & 0xFF);
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = Digests.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = Digests.hmacSha256(k, region);
        k = Digests.hmacSha256(k, service);
        return Digests.hmacSha256(k, "aws4_request");
    }

    static byte[] sha256(byte[] data) {
        return Digests.sha256(data);
    }

    static String hex(byte[] bytes) {
        return Digests.hex(bytes);
    }

    private static List<String> values(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    /** The parsed Authorization header. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {

        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }

        static Authorization parse(String header) {
            String h = header.strip();
            if (!h.startsWith(ALGORITHM + " ")) {
                throw SigV4Failure.incomplete("Authorization must use " + ALGORITHM);
            }
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : h.substring(ALGORITHM.length()).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
                }
            }
            String credential = parts.get("Credential");
            String signedHeaders = parts.get("SignedHeaders");
            String signature = parts.get("Signature");
            if (credential == null || signedHeaders == null || signature == null) {
                throw SigV4Failure.incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'");
            }
            String[] scope = credential.split("/");
            if (scope.length != 5 || !scope[4].equals("aws4_request") || scope[0].isEmpty()) {
                throw SigV4Failure.incomplete("Credential must be <access key id>/<date>/<region>/<service>/aws4_request");
            }
            try {
                LocalDate.parse(scope[1], SCOPE_DATE);
            } catch (DateTimeParseException e) {
                throw SigV4Failure.incomplete("the Credential scope's date must look like 20260131");
            }
            List<String> names = Arrays.stream(signedHeaders.split(";")).toList();
            List<String> sorted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted().distinct().toList();
            if (names.isEmpty() || !names.equals(sorted)) {
                throw SigV4Failure.incomplete("SignedHeaders must be lower-case, sorted and without repeats");
            }
            if (!signature.matches("[0-9a-f]{64}")) {
                throw SigV4Failure.incomplete("Signature must be 64 lower-case hex digits");
            }
            return new Authorization(scope[0], scope[1], scope[2], scope[3], names, signature);
        }
    }
}
