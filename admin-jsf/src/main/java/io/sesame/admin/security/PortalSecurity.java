package io.sesame.admin.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Jakarta Security form sign-in for the portal: the login page's bean calls SecurityContext#authenticate with the
 * credential, this mechanism checks it against {@link AdminIdentityStore}, and the session keeps the caller
 * ({@link AutoApplySession}). Unauthenticated requests for protected pages are sent to the login page.
 *
 * <p>Why a mechanism bean of our own rather than {@code @CustomFormAuthenticationMechanismDefinition}: in an EAR the
 * annotation's mechanism is an application-wide bean, so it would also apply to api-war (and, next to any other
 * mechanism there, Soteria cannot choose: WELD-001318). This bean lives in the portal's war only; being an enabled
 * alternative, it also wins over any application-wide mechanism a library might add.
 *
 * <p>Roles: admin (everything), reviewer (reviews, read), auditor (read-only, audit and reports).
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@AutoApplySession
@DeclareRoles({PortalSecurity.ADMIN, PortalSecurity.REVIEWER, PortalSecurity.AUDITOR})
@ApplicationScoped
public class PortalSecurity implements HttpAuthenticationMechanism {

    public static final String ADMIN = "admin";
    public static final String REVIEWER = "reviewer";
    public static final String AUDITOR = "auditor";
    static final String LOGIN_PAGE = "/login.xhtml";

    @Inject
    AdminIdentityStore identityStore;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential credential = context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
        if (credential != null) {
            CredentialValidationResult result = identityStore.validate(credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            // No 401 here: the login page shows its message in the same response.
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + LOGIN_PAGE);
        }
        return context.doNothing();
    }
}
