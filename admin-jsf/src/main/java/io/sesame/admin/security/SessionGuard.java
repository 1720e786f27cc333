package io.sesame.admin.security;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.user.boundary.AdminAccounts;
import io.sesame.user.control.PortalSessions;
import jakarta.inject.Inject;
import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.time.Instant;

/**
 * Sessions follow their account: on every request of a signed-in session, the account must still be active and
 * unchanged since sign-in (no role or password change), and the session younger than its absolute lifetime. Otherwise
 * the session ends here and the browser goes to the sign-in page, which says why. The check reads the database, so a
 * change made on one instance ends the session on every instance.
 */
@WebFilter(urlPatterns = "/*")
public class SessionGuard extends HttpFilter {

    static final String EPOCH = "io.sesame.portal.sessionEpoch";
    static final String SIGNED_IN_AT = "io.sesame.portal.signedInAt";

    @Inject
    ClientAddresses clientAddresses;

    @EJB
    AdminAccounts accounts;

    /** Called at sign-in (the session id is new by then) and after the user changes their own password. */
    static void remember(HttpServletRequest request, long epoch, Instant signedInAt) {
        HttpSession session = request.getSession();
        session.setAttribute(EPOCH, epoch);
        if (signedInAt != null) {
            session.setAttribute(SIGNED_IN_AT, signedInAt);
        }
    }

    /** The account epoch this session signed in under, or null. */
    static Long epochOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (Long) session.getAttribute(EPOCH);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal caller = request.getUserPrincipal();
        HttpSession session = request.getSession(false);
        if (caller == null || session == null || request.getServletPath().startsWith("/jakarta.faces.resource/")) {
            chain.doFilter(request, response);
            return;
        }
        PortalSessions.Verdict verdict = accounts.checkSession(caller.getName(), (Long) session.getAttribute(EPOCH),
                (Instant) session.getAttribute(SIGNED_IN_AT), clientAddresses.of(request));
        if (verdict == PortalSessions.Verdict.VALID) {
            chain.doFilter(request, response);
            return;
        }
        request.logout();
        session.invalidate();
        response.sendRedirect(request.getContextPath() + PortalSecurity.LOGIN_PAGE + "?ended="
                + (verdict == PortalSessions.Verdict.TOO_OLD ? "lifetime" : "account"));
    }
}
