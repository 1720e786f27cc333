package io.sesame.api.sesv2;

import io.sesame.policy.control.Permission;
import jakarta.json.JsonObject;

/**
 * One operation of the SES v2 endpoint: the catalogue entry it serves, its route in SES v2's REST binding and what it
 * does. Adding an SES action to Sesame is one {@link Permission} constant and one implementation of this interface
 * (in {@code io.sesame.api.sesv2.operation}); {@code SesOperationCatalogueTest} fails until both exist, the session
 * policy maps the action and the README has its row.
 */
public interface SesOperation {

    /** The catalogue entry: the permission a key needs, and the operation's name ({@code ses:SendEmail} → SendEmail). */
    Permission permission();

    /** Method and path of SES v2's REST binding, path parameters in braces: {@code GET /v2/email/templates/{TemplateName}}. */
    String route();

    /**
     * Other routes of the same operation: AWS has moved some (ListEmailIdentities, ListConfigurationSets) from GET to
     * POST; SDKs from before and after the move are both served.
     */
    default java.util.List<String> aliases() {
        return java.util.List.of();
    }

    /** Runs the operation for an authenticated caller; errors are {@link SesError}s or the domain's own exceptions. */
    JsonObject handle(SesCall call);
}
