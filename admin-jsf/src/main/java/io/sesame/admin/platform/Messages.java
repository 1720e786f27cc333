package io.sesame.admin.platform;

import io.sesame.platform.control.SesameException;
import io.sesame.policy.control.PolicyViolation;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Feedback on the page: what worked, and what did not in words a person can act on. */
public final class Messages {

    private Messages() {
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    public static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /** Keeps messages across a redirect (post-redirect-get). */
    public static void keepForRedirect() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }

    /** The message of a refusal from the services (validation, conflict, not found), unwrapped. */
    public static String of(RuntimeException e) {
        Throwable t = e;
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SesameException s) {
            return s.getMessage();
        }
        if (t instanceof IllegalArgumentException) {
            return t.getMessage();
        }
        if (t instanceof PolicyViolation) {
            return t.getMessage();
        }
        throw e;
    }
}
