package io.sesame.admin.security;

import io.sesame.platform.boundary.ClientAddresses;
import io.sesame.user.boundary.AdminAccounts;
import io.sesame.user.entity.AdminRole;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;

/** Checks portal sign-ins against the admin accounts in the database (PBKDF2, lockout, audited). */
@ApplicationScoped
public class AdminIdentityStore {

    @Inject
    ClientAddresses clientAddresses;

    @EJB
    AdminAccounts accounts;

    @Inject
    HttpServletRequest request;

    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        AdminAccounts.SignIn signIn = accounts.authenticate(login.getCaller(), login.getPassword().getValue(), clientAddresses.of(request));
        login.getPassword().clear();
        if (!signIn.ok()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        SessionGuard.remember(request, signIn.sessionEpoch(), java.time.Instant.now());
        return new CredentialValidationResult(login.getCaller(),
                signIn.roles().stream().map(AdminRole::name).collect(Collectors.toSet()));
    }
}
