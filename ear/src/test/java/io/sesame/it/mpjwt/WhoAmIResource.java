package io.sesame.it.mpjwt;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What stock MP-JWT made of the caller's token. A CDI bean (not an EJB: Payara 6 issue #6819), so that Payara
 * declares the role it names.
 */
@Path("whoami")
@RequestScoped
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed("ses:SendEmail")
    @Produces(MediaType.APPLICATION_JSON)
    public String whoami(@Context SecurityContext security) {
        JsonArrayBuilder groups = Json.createArrayBuilder();
        new TreeSet<>(jwt.getGroups()).forEach(groups::add);
        return Json.createObjectBuilder()
                .add("name", jwt.getName())
                .add("principal", security.getUserPrincipal().getName())
                .add("issuer", jwt.getIssuer())
                .add("groups", groups)
                .add("inSendEmailRole", security.isUserInRole("ses:SendEmail"))
                .build()
                .toString();
    }
}
