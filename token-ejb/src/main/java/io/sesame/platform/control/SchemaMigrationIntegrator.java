package io.sesame.platform.control;

import javax.sql.DataSource;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Runs the Flyway migrations while Hibernate boots the persistence unit, before it validates the
 * mapping against the schema ({@code hibernate.hbm2ddl.auto=validate}). Registered through
 * META-INF/services, which Hibernate reads with the application's class loader (a class named in a
 * persistence.xml property is loaded with Hibernate's own, which cannot see this module).
 */
public class SchemaMigrationIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry()
                .requireService(ConnectionProvider.class)
                .unwrap(DataSource.class);
        new SchemaMigration(dataSource).migrate();
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry registry) {
        // nothing to release
    }
}
