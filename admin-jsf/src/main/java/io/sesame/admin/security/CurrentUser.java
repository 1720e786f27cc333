package io.sesame.admin.security;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.admin.platform.Messages;
import io.sesame.user.boundary.AdminAccounts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;

/** Who is signed in, what they may do, and signing out. */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    SecurityContext security;

    @EJB
    AdminAccounts accounts;

    public String getName() {
        Principal p = security.getCallerPrincipal();
        return p == null ? null : p.getName();
    }

    /**
     * The signed-in user as the services check it (and name it in the audit, {@code portal:<user>}): an admin holds
     * every permission, the portal's own administration included; reviewers and auditors only read (a review's
     * decisions are applied by the review itself).
     */
    public io.sesame.access.control.Actor acting() {
        return io.sesame.access.control.Actor.portalUser(getName(), isAdmin()
                ? java.util.EnumSet.allOf(io.sesame.policy.control.Permission.class)
                : java.util.EnumSet.of(io.sesame.policy.control.Permission.READ_AUDIT));
    }

    public boolean isAdmin() {
        return security.isCallerInRole(PortalSecurity.ADMIN);
    }

    public boolean isReviewer() {
        return isAdmin() || security.isCallerInRole(PortalSecurity.REVIEWER);
    }

    public String getRoleLabel() {
        return isAdmin() ? "admin" : security.isCallerInRole(PortalSecurity.REVIEWER) ? "reviewer" : "auditor";
    }

    /** Refuses a change to anyone but an admin (the buttons are hidden too; this is the check that counts). */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new SecurityException("Only an admin may do this.");
        }
    }

    public void logout() throws IOException, ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String name = getName();
        if (name != null) {
            accounts.loggedOut(name, clientAddresses.of(request));
        }
        request.logout();
        external.invalidateSession();
        Messages.keepForRedirect();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?signedOut=true");
    }
}
