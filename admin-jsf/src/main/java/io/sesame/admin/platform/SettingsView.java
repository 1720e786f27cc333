package io.sesame.admin.platform;

import io.sesame.token.boundary.TokenSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Settings that pages mention (limits shown next to the fields they bound). */
@Named
@ApplicationScoped
public class SettingsView {

    @Inject
    TokenSettings tokenSettings;

    public int getMaxLifetimeDays() {
        return tokenSettings.keyMaxLifetimeDays();
    }
}
