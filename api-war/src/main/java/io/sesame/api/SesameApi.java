package io.sesame.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The JAX-RS application: everything under {@code /api/v1}. A CDI bean, as MP-JWT requires. */
@ApplicationScoped
@ApplicationPath("v1")
@OpenAPIDefinition(info = @Info(title = "Sesame API", version = "1",
        description = "Scoped, short-lived, revocable tokens for Amazon SES v2",
        license = @License(name = "Apache-2.0")))
public class SesameApi extends Application {
}
