package io.sesame.access.boundary;

import io.sesame.access.control.FourEyesGates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code sesame.approvals.four-eyes}, read once. A value Sesame cannot read holds every gate (fail closed) and readiness says why. */
@ApplicationScoped
public class FourEyesSettings {

    @Inject
    @ConfigProperty(name = "sesame.approvals.four-eyes", defaultValue = "false")
    String setting;

    private volatile FourEyesGates gates;
    private volatile String problem;

    public FourEyesGates gates() {
        FourEyesGates read = gates;
        if (read == null) {
            try {
                read = FourEyesGates.parse(setting);
                problem = null;
                if (read.holds(FourEyesGates.Gate.ELEVATE_USER) && !read.holds(FourEyesGates.Gate.CREATE_USER)) {
                    java.util.logging.Logger.getLogger(FourEyesSettings.class.getName()).warning("sesame.approvals.four-eyes holds "
                            + "elevate-user but not create-user: a new account with a strong role needs no second person; add create-user "
                            + "once your admins exist");
                }
            } catch (IllegalArgumentException e) {
                read = new FourEyesGates(EnumSet.allOf(FourEyesGates.Gate.class));
                problem = e.getMessage();
            }
            gates = read;
        }
        return read;
    }

    /** Why the setting could not be read (every gate then holds), or null. */
    public String problem() {
        gates();
        return problem;
    }
}
