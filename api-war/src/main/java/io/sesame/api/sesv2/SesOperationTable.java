package io.sesame.api.sesv2;

import io.sesame.policy.control.Permission;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SES endpoint's operations by route and by permission; built once from the {@link SesOperation} beans. */
public final class SesOperationTable {

    /** An operation matched to a request, with the request's path parameters. */
    public record Match(SesOperation operation, Map<String, String> pathParameters) {
    }

    private record Entry(SesRoute route, SesOperation operation) {
    }

    private final List<Entry> entries;
    private final Map<Permission, SesOperation> byPermission = new EnumMap<>(Permission.class);

    /** @throws IllegalStateException when two operations serve one permission or one route, or one serves no SES action */
    public SesOperationTable(Iterable<? extends SesOperation> operations) {
        java.util.ArrayList<Entry> list = new java.util.ArrayList<>();
        for (SesOperation operation : operations) {
            if (!operation.permission().isSesAction()) {
                throw new IllegalStateException(operation.getClass().getName() + " serves " + operation.permission().action()
                        + ", which is not an SES action");
            }
            SesOperation previous = byPermission.put(operation.permission(), operation);
            if (previous != null) {
                throw new IllegalStateException(operation.permission().action() + " has two operations: "
                        + previous.getClass().getName() + " and " + operation.getClass().getName());
            }
            List<String> routes = new java.util.ArrayList<>(List.of(operation.route()));
            routes.addAll(operation.aliases());
            for (String r : routes) {
                SesRoute route = SesRoute.parse(r);
                for (Entry e : list) {
                    if (e.route().shape().equals(route.shape())) {
                        throw new IllegalStateException("routes " + e.route() + " and " + route + " match the same requests");
                    }
                }
                list.add(new Entry(route, operation));
            }
        }
        this.entries = List.copyOf(list);
    }

    public Optional<Match> find(String method, String path) {
        for (Entry e : entries) {
            Optional<Map<String, String>> parameters = e.route().match(method, path);
            if (parameters.isPresent()) {
                return Optional.of(new Match(e.operation(), parameters.get()));
            }
        }
        return Optional.empty();
    }

    public Optional<SesOperation> of(Permission permission) {
        return Optional.ofNullable(byPermission.get(permission));
    }

    /** The operation names served, in catalogue order (for error messages and docs). */
    public List<String> names() {
        return byPermission.keySet().stream().map(p -> p.sesOperation().orElseThrow()).toList();
    }
}
