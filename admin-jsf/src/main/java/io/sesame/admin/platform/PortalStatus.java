package io.sesame.admin.platform;

import io.sesame.platform.boundary.SesameSettings;
import io.sesame.platform.control.DatabaseKind;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The portal's landing page: which database Sesame runs on. */
@Named
@RequestScoped
public class PortalStatus {

    @Inject
    SesameSettings settings;

    public String getDatabase() {
        return switch (DatabaseKind.of(settings.databaseUrl())) {
            case H2 -> "embedded H2";
            case POSTGRESQL -> "PostgreSQL";
            case UNSUPPORTED -> "unsupported";
        };
    }
}
