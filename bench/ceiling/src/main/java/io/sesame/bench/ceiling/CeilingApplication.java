package io.sesame.bench.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at /ceiling/api, as Sesame's API is at /api/v1. */
@ApplicationPath("api")
public class CeilingApplication extends Application {
}
