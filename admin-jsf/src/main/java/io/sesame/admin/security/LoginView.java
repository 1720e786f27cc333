package io.sesame.admin.security;

import io.sesame.admin.platform.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;

/** The sign-in form. One message for every refusal, so it does not tell which user names exist or are locked. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    SecurityContext security;

    @NotBlank(message = "Enter your user name")
    @Size(max = 100, message = "User names are at most 100 characters")
    private String username;

    @NotBlank(message = "Enter your password")
    @Size(max = 1000, message = "That password is too long")
    private String password;

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        request.changeSessionId(); // a new session id at sign-in: no session fixation
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, new Password(password))).newAuthentication(true));
        password = null;
        switch (status) {
            case SEND_CONTINUE -> faces.responseComplete();
            case SUCCESS -> {
                faces.responseComplete();
                if (!response.isCommitted()) {
                    external.redirect(external.getRequestContextPath() + "/index.xhtml");
                }
            }
            default -> Messages.error("Wrong user name or password, or the account is locked for a while after repeated failures.");
        }
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
