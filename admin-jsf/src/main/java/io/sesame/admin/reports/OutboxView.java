package io.sesame.admin.reports;

import jakarta.inject.Inject;
import io.sesame.ses.boundary.SandboxStore;
import io.sesame.ses.boundary.SesGateway;
import io.sesame.ses.entity.SandboxMessage;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;

/** The sandbox outbox: the latest messages the sandbox transport stored instead of sending. */
@Named
@RequestScoped
public class OutboxView {

    @EJB
    SandboxStore sandbox;

    @Inject
    SesGateway ses;

    public boolean isSandbox() {
        return ses.isSandbox();
    }

    public List<SandboxMessage> getMessages() {
        return sandbox.latest(100);
    }
}
