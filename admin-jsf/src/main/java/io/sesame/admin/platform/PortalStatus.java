package io.sesame.admin.platform;

import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.DatabaseKind;
import io.sesame.ses.boundary.SesSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** What Sesame runs on, for the dashboard's heading: the database and the SES transport. */
@Named
@RequestScoped
public class PortalStatus {

    @Inject
    SesameSettings settings;

    @Inject
    SesSettings sesSettings;

    public String getTransport() {
        return sesSettings.transport();
    }

    public String getDatabase() {
        return switch (DatabaseKind.of(settings.databaseUrl())) {
            case H2 -> "embedded H2";
            case POSTGRESQL -> "PostgreSQL";
            case UNSUPPORTED -> "unsupported";
        };
    }
}
