package io.sesame.admin.platform;

import io.sesame.platform.boundary.SesameSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Settings that pages mention (limits shown next to the fields they bound). */
@Named
@ApplicationScoped
public class SettingsView {

    @Inject
    SesameSettings settings;

    public int getMaxLifetimeDays() {
        return settings.keyMaxLifetimeDays();
    }
}
