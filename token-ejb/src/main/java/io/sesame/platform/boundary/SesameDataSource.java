package io.sesame.platform.boundary;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * Declares Sesame's one data source. Payara resolves the {@code ${MPCONFIG=…}} references from the config
 * jar, each overridable by its environment variable (SESAME_DB_URL, SESAME_DB_USER, SESAME_DB_PASSWORD);
 * the class picks H2 or PostgreSQL from the URL.
 */
@Singleton
@DataSourceDefinition(
        name = SesameDataSource.JNDI_NAME,
        className = "io.sesame.platform.control.UrlRoutedDataSource",
        url = "${MPCONFIG=sesame.db.url}",
        user = "${MPCONFIG=sesame.db.user}",
        password = "${MPCONFIG=sesame.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        initialPoolSize = 2,
        maxIdleTime = 300,
        transactional = true,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=meta-data"
        })
public class SesameDataSource {
    public static final String JNDI_NAME = "java:app/jdbc/sesame";
}
