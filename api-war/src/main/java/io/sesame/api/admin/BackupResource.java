package io.sesame.api.admin;

import io.sesame.api.security.Caller;
import io.sesame.api.security.Requires;
import io.sesame.backup.boundary.DatabaseBackup;
import io.sesame.policy.control.Permission;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** An online backup of the embedded database, written on the server (nothing is downloaded: it holds the audit). */
@Path("admin/backups")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Permission.MANAGE_MONITORING)
@SecurityRequirement(name = "bearer")
public class BackupResource {

    @Inject
    DatabaseBackup backups;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Back up the H2 database now",
            description = "Writes $SESAME_DATA_DIR/backups/sesame-<UTC time>.zip (0600) while Sesame keeps serving, and beside it the "
                    + "exported audit-chain head of that moment; 201 with their paths and the size. 409 on PostgreSQL (use pg_dump) or "
                    + "while another backup runs. Restore: docs/operations.md.")
    public Response backup() {
        DatabaseBackup.Backup backup = backups.backupNow(caller.acting());
        var json = Json.createObjectBuilder()
                .add("file", backup.file().toString())
                .add("bytes", backup.bytes())
                .add("createdAt", backup.createdAt().toString());
        if (backup.auditHead() != null) {
            json.add("auditHead", backup.auditHead().toString());
        }
        return Response.status(Response.Status.CREATED).entity(json.build()).build();
    }
}
