package io.sesame.admin.security;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.admin.platform.Messages;
import io.sesame.user.boundary.AdminAccounts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** Password change for the signed-in user. */
@Named
@RequestScoped
public class AccountView {

    @Inject
    ClientAddresses clientAddresses;

    @EJB
    AdminAccounts accounts;

    @Inject
    CurrentUser user;

    private String currentPassword;
    private String newPassword;
    private String repeatPassword;

    public void changePassword() {
        if (newPassword == null || !newPassword.equals(repeatPassword)) {
            Messages.error("The new password and its repetition differ.");
            return;
        }
        try {
            HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
            long epoch = accounts.changePassword(user.getName(), chars(currentPassword), chars(newPassword), clientAddresses.of(request),
                    SessionGuard.epochOf(request));
            SessionGuard.remember(request, epoch, null); // this session goes on; every other one of this account ends
            Messages.info("Password changed. Your other sessions have ended.");
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        } finally {
            currentPassword = null;
            newPassword = null;
            repeatPassword = null;
        }
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    public String getCurrentPassword() { return currentPassword; }
    public void setCurrentPassword(String v) { this.currentPassword = v; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String v) { this.newPassword = v; }
    public String getRepeatPassword() { return repeatPassword; }
    public void setRepeatPassword(String v) { this.repeatPassword = v; }
}
