package io.sesame.access.control;

import io.sesame.platform.control.ErrorKind;
import io.sesame.platform.control.SesameException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which changes wait for a second person ({@code sesame.approvals.four-eyes}), checked by the services themselves so
 * that every door — portal, REST, a future CLI — is held to it. The setting is deployment configuration: no door can
 * change it, and a change by the operator is recorded in the audit when Sesame starts.
 *
 * @param gates the action classes that need approval
 */
public record FourEyesGates(Set<Gate> gates) {

    /** An action class four-eyes can hold up. */
    public enum Gate {
        ISSUE_KEY("issue-key", "issuing a key"),
        WIDEN_POLICY("widen-policy", "a policy change that grants more"),
        CREATE_USER("create-user", "creating a portal account"),
        ELEVATE_USER("elevate-user", "making a portal account stronger (auditor, reviewer, admin)");

        private final String setting;
        private final String description;

        Gate(String setting, String description) {
            this.setting = setting;
            this.description = description;
        }

        public String setting() {
            return setting;
        }

        public String description() {
            return description;
        }
    }

    /** What {@code true} means: the two gates four-eyes had from the start (keys and wider policies). */
    public static final Set<Gate> TRUE = EnumSet.of(Gate.ISSUE_KEY, Gate.WIDEN_POLICY);

    public FourEyesGates {
        gates = gates.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(gates));
    }

    public static FourEyesGates none() {
        return new FourEyesGates(Set.of());
    }

    /**
     * @param setting {@code false}, {@code true} (issue-key, widen-policy), {@code all}, or a comma list of
     *                {@code issue-key, widen-policy, create-user, elevate-user}
     * @throws IllegalArgumentException naming the allowed values
     */
    public static FourEyesGates parse(String setting) {
        String value = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "", "false", "none":
                return none();
            case "true":
                return new FourEyesGates(TRUE);
            case "all":
                return new FourEyesGates(EnumSet.allOf(Gate.class));
            default:
                Set<Gate> gates = EnumSet.noneOf(Gate.class);
                for (String item : value.split(",", -1)) {
                    String name = item.strip();
                    gates.add(Arrays.stream(Gate.values()).filter(g -> g.setting.equals(name)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("sesame.approvals.four-eyes: '" + name + "' is not one of false, true, all, "
                                    + Arrays.stream(Gate.values()).map(Gate::setting).collect(Collectors.joining(", ")))));
                }
                return new FourEyesGates(gates);
        }
    }

    public boolean holds(Gate gate) {
        return gates.contains(gate);
    }

    /** Whether this actor must ask instead of act: the gate is on, and it carries no approval and is not Sesame itself. */
    public boolean mustAsk(Gate gate, Actor actor) {
        return holds(gate) && actor.approval() == null && !actor.isSystem();
    }

    /**
     * The services' own check, behind whatever the door did: a door that forgot to route the change through an
     * approval request is refused here.
     *
     * @throws SesameException FORBIDDEN {@code approval_required}
     */
    public void require(Gate gate, Actor actor) {
        if (mustAsk(gate, actor)) {
            throw new SesameException(ErrorKind.FORBIDDEN, "approval_required", "Four-eyes is on for " + gate.description()
                    + " (sesame.approvals.four-eyes): request it, and another admin approves it");
        }
    }

    /** The setting as written back ({@code issue-key,widen-policy}, or {@code false}). */
    public String describe() {
        return gates.isEmpty() ? "false" : gates.stream().sorted().map(Gate::setting).collect(Collectors.joining(","));
    }
}
