package io.sesame.policy.control;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The permission catalogue: the one list of actions a Sesame key can be granted. SES actions carry the
 * exact IAM action name, so enforcement, generated session policies, the portal and the docs all read
 * from here. Adding an SES action is adding one constant.
 */
public enum Permission {

    SEND_EMAIL("ses:SendEmail", Area.SENDING, "Send a simple, raw or templated message", true, true, true),
    SEND_BULK_EMAIL("ses:SendBulkEmail", Area.SENDING, "Send one template to many destinations", true, true, true),

    CREATE_EMAIL_TEMPLATE("ses:CreateEmailTemplate", Area.TEMPLATES, "Create a template", false, false, true),
    GET_EMAIL_TEMPLATE("ses:GetEmailTemplate", Area.TEMPLATES, "Read a template", false, false, true),
    LIST_EMAIL_TEMPLATES("ses:ListEmailTemplates", Area.TEMPLATES, "List templates", false, false, false),
    UPDATE_EMAIL_TEMPLATE("ses:UpdateEmailTemplate", Area.TEMPLATES, "Change a template", false, false, true),
    DELETE_EMAIL_TEMPLATE("ses:DeleteEmailTemplate", Area.TEMPLATES, "Delete a template", false, false, true),
    TEST_RENDER_EMAIL_TEMPLATE("ses:TestRenderEmailTemplate", Area.TEMPLATES, "Render a template with test data", false, false, true),

    GET_ACCOUNT("ses:GetAccount", Area.ACCOUNT, "Read sending quota and account status", false, false, false),

    LIST_EMAIL_IDENTITIES("ses:ListEmailIdentities", Area.IDENTITIES, "List verified identities", false, false, false),
    GET_EMAIL_IDENTITY("ses:GetEmailIdentity", Area.IDENTITIES, "Read one identity's verification and DKIM status", false, false, false),

    LIST_SUPPRESSED_DESTINATIONS("ses:ListSuppressedDestinations", Area.SUPPRESSION, "List the account suppression list", false, false, false),
    GET_SUPPRESSED_DESTINATION("ses:GetSuppressedDestination", Area.SUPPRESSION, "Read one suppressed address", false, false, false),
    PUT_SUPPRESSED_DESTINATION("ses:PutSuppressedDestination", Area.SUPPRESSION, "Add an address to the suppression list", false, false, false),
    DELETE_SUPPRESSED_DESTINATION("ses:DeleteSuppressedDestination", Area.SUPPRESSION, "Remove an address from the suppression list", false, false, false),

    LIST_CONFIGURATION_SETS("ses:ListConfigurationSets", Area.CONFIGURATION, "List configuration sets", false, false, false),

    MANAGE_APPLICATIONS("sesame:ManageApplications", Area.ADMINISTRATION, "Create, suspend and revoke applications", false, false, false),
    MANAGE_KEYS("sesame:ManageKeys", Area.ADMINISTRATION, "Issue, rotate, revoke keys and change their policies", false, false, false),
    READ_AUDIT("sesame:ReadAudit", Area.ADMINISTRATION, "Search and export the audit trail", false, false, false),
    MANAGE_MONITORING("sesame:ManageMonitoring", Area.ADMINISTRATION, "Manage alert rules, resolve alerts and run audit retention", false, false, false),
    MANAGE_ADMINS("sesame:ManageAdmins", Area.ADMINISTRATION, "Grant Sesame's own permissions (sesame:*) to keys", false, false, false),
    INTROSPECT("sesame:Introspect", Area.ADMINISTRATION, "Introspect access tokens (RFC 7662)", false, false, false),
    REPORT_LEAKED_KEYS("sesame:ReportLeakedKeys", Area.ADMINISTRATION, "Report API keys a secret scanner found; each genuine one is "
            + "revoked (or suspended) at once", false, false, false),
    VEND_AWS_CREDENTIALS("sesame:VendAwsCredentials", Area.AWS, "Obtain temporary AWS credentials scoped by the key's policy", false, false, false),

    MANAGE_PORTAL_USERS("sesame:ManagePortalUsers", Area.PORTAL, "Create portal accounts, change their roles, disable, enable and unlock them", false, false, false);

    /** Groups for the portal's policy editor and the docs. */
    public enum Area {
        SENDING("Sending"), TEMPLATES("Templates"), ACCOUNT("Account"), IDENTITIES("Identities"),
        SUPPRESSION("Suppression list"), CONFIGURATION("Configuration sets"),
        ADMINISTRATION("Sesame administration"), AWS("AWS credentials"),
        /** Held by the portal's admins only: no key can be granted it, so no key can create the people who grant keys. */
        PORTAL("Portal administration");

        private final String title;

        Area(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final String action;
    private final Area area;
    private final String description;
    private final boolean takesFrom;
    private final boolean takesRecipients;
    private final boolean takesTemplate;

    Permission(String action, Area area, String description, boolean takesFrom, boolean takesRecipients, boolean takesTemplate) {
        this.action = action;
        this.area = area;
        this.description = description;
        this.takesFrom = takesFrom;
        this.takesRecipients = takesRecipients;
        this.takesTemplate = takesTemplate;
    }

    /** The IAM-style action name, e.g. {@code ses:SendEmail}: the name used in policies, tokens and docs. */
    public String action() {
        return action;
    }

    public Area area() {
        return area;
    }

    public String description() {
        return description;
    }

    /** Whether the action is an SES API operation (as opposed to Sesame's own administration). */
    public boolean isSesAction() {
        return action.startsWith("ses:");
    }

    /** Sesame's own permissions ({@code sesame:*}): granting one to a key needs {@code sesame:ManageAdmins}. */
    public boolean isSesameAction() {
        return action.startsWith("sesame:");
    }

    /** The SES v2 operation name for SES actions ({@code SendEmail}), empty for Sesame's own. */
    public Optional<String> sesOperation() {
        return isSesAction() ? Optional.of(action.substring("ses:".length())) : Optional.empty();
    }

    /** Whether a key's policy may hold this permission (the portal's own administration is never a key's). */
    public boolean grantableToKeys() {
        return area != Area.PORTAL;
    }

    public boolean takesFrom() {
        return takesFrom;
    }

    public boolean takesRecipients() {
        return takesRecipients;
    }

    public boolean takesTemplate() {
        return takesTemplate;
    }

    /**
     * The IAM actions that the SES operation needs in an AWS policy. SES v2's SendEmail is authorised as
     * ses:SendEmail, and as ses:SendRawEmail for raw content.
     */
    public List<String> iamActions() {
        if (!isSesAction()) {
            return List.of();
        }
        return this == SEND_EMAIL ? List.of(action, "ses:SendRawEmail") : List.of(action);
    }

    public static Optional<Permission> byAction(String action) {
        return Arrays.stream(values()).filter(p -> p.action.equals(action)).findFirst();
    }

    /** Sesame's administrative permissions, as granted to the bootstrap key. */
    public static Set<Permission> administration() {
        return EnumSet.of(MANAGE_APPLICATIONS, MANAGE_KEYS, READ_AUDIT, MANAGE_MONITORING, MANAGE_ADMINS, INTROSPECT, REPORT_LEAKED_KEYS);
    }

    public static String actions(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::action).collect(Collectors.joining(" "));
    }
}
