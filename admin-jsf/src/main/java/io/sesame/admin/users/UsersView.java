package io.sesame.admin.users;

import io.sesame.admin.platform.Messages;
import io.sesame.admin.security.CurrentUser;
import io.sesame.approval.boundary.ApprovalService;
import io.sesame.user.boundary.AdminAccounts;
import io.sesame.user.entity.AdminRole;
import io.sesame.user.entity.AdminUser;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Portal users (admins only): create with a one-time first password, change roles, disable or re-enable (and unlock). */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AdminAccounts accounts;

    @EJB
    ApprovalService approvals;

    @Inject
    CurrentUser user;

    private String username = "";
    private List<String> roles = new ArrayList<>(List.of("reviewer"));
    private String createdUser;
    private String createdPassword;

    public List<AdminUser> getUsers() {
        return accounts.list();
    }

    public AdminRole[] getAllRoles() {
        return AdminRole.values();
    }

    public void create() {
        user.requireAdmin();
        createdPassword = null;
        try {
            var outcome = approvals.createUser(username, toRoles(roles), null, user.acting());
            if (outcome.isPending()) {
                Messages.info("Request " + outcome.pending().getId() + " waits for another admin's approval (Approvals); you collect "
                        + "the first password there once it is approved.");
                username = "";
                return;
            }
            createdPassword = outcome.done();
            createdUser = username.strip();
            username = "";
            Messages.info("User " + createdUser + " created. Give them the first password below; they change it after signing in.");
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public void toggleRole(String name, String role) {
        user.requireAdmin();
        forget();
        try {
            AdminUser target = accounts.list().stream().filter(u -> u.getUsername().equals(name)).findFirst().orElseThrow();
            Set<AdminRole> next = EnumSet.noneOf(AdminRole.class);
            next.addAll(target.getRoles());
            AdminRole r = AdminRole.valueOf(role);
            if (!next.remove(r)) {
                next.add(r);
            }
            var outcome = approvals.setRoles(name, next, null, user.acting());
            Messages.info(outcome.isPending() ? "Giving " + name + " a new role waits for another admin's approval: request "
                    + outcome.pending().getId() + " (Approvals)." : "Roles of " + name + ": " + next);
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    public void setActive(String name, boolean active) {
        user.requireAdmin();
        forget();
        try {
            accounts.setActive(name, active, user.acting());
            Messages.info(name + (active ? " enabled." : " disabled."));
        } catch (RuntimeException e) {
            Messages.error(Messages.of(e));
        }
    }

    private void forget() {
        createdPassword = null;
        createdUser = null;
    }

    private static Set<AdminRole> toRoles(List<?> names) {
        Set<AdminRole> out = EnumSet.noneOf(AdminRole.class);
        for (Object n : names) {
            out.add(AdminRole.valueOf(String.valueOf(n)));
        }
        return out;
    }

    public String getUsername() { return username; }
    public void setUsername(String v) { this.username = v == null ? "" : v; }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> v) { this.roles = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public String getCreatedUser() { return createdUser; }
    public String getCreatedPassword() { return createdPassword; }
}
