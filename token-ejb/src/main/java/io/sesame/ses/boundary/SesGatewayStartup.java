package io.sesame.ses.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Builds the SES transport at deployment, so that a bad {@code sesame.ses.transport} fails the start and not the first
 * send ({@link SesGateway} is a CDI bean, created on first use).
 */
@Singleton
@Startup
public class SesGatewayStartup {

    @Inject
    SesGateway gateway;

    @PostConstruct
    void start() {
        gateway.transportName();
    }
}
