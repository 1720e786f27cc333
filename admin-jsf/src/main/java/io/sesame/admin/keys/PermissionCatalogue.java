package io.sesame.admin.keys;

import io.sesame.policy.control.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/** The permission catalogue for pages: areas and their permissions, in catalogue order (a new SES action shows up here). */
@Named("catalogue")
@ApplicationScoped
public class PermissionCatalogue {

    public List<Permission.Area> getAreas() {
        return Arrays.stream(Permission.values()).filter(Permission::grantableToKeys).map(Permission::area).distinct().toList();
    }

    public List<Permission> permissionsOf(Permission.Area area) {
        return Arrays.stream(Permission.values()).filter(p -> p.area() == area).toList();
    }
}
