package io.sesame.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.Test;

/** The Flyway migrations produce exactly the schema the JPA mapping expects (what Payara validates at deploy). */
class SchemaMigrationTest {

    private static JdbcDataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    @Test
    void migrations_apply_on_an_empty_database_and_then_nothing_is_outstanding() {
        JdbcDataSource ds = freshH2();
        SchemaMigration migration = new SchemaMigration(ds);
        assertThat(migration.outstanding()).contains("pending");
        assertThat(migration.migrate().success).isTrue();
        assertThat(migration.outstanding()).isNull();
        assertThat(migration.migrate().migrationsExecuted).isZero();
    }

    /**
     * Boots Hibernate as Payara does (validate): the integrator registered in META-INF/services must migrate
     * the empty database before the validation runs, and the mapping must match the migrated schema.
     */
    @Test
    void hibernate_migrates_through_the_integrator_then_validates_the_mapping() throws Exception {
        JdbcDataSource ds = freshH2();
        assertThat(entityClasses()).hasSizeGreaterThanOrEqualTo(5);
        validated(ds, factory -> assertThat(factory.isOpen()).isTrue());
        assertThat(new SchemaMigration(ds).outstanding()).isNull();
    }

    /** Boots Hibernate over every entity with {@code hbm2ddl=validate}, as Payara does, and hands over the factory. */
    static void validated(javax.sql.DataSource ds, java.util.function.Consumer<SessionFactory> use) throws Exception {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", ds)
                .applySetting("hibernate.hbm2ddl.auto", "validate")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entityClasses().forEach(sources::addAnnotatedClass);
            Metadata metadata = sources.buildMetadata();
            try (SessionFactory factory = metadata.buildSessionFactory()) {
                use.accept(factory);
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    @Test
    void a_failed_migration_is_reported_with_its_reason() throws Exception {
        JdbcDataSource ds = freshH2();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table application (id int)"); // collides with V1
        }
        assertThatThrownBy(() -> new SchemaMigration(ds).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Database migration failed:");
    }

    /** Every {@code @Entity} compiled from src/main, found on disk so a new entity cannot be forgotten here. */
    static List<Class<?>> entityClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(SchemaMigration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(p -> p.toString().endsWith(".class") && p.getParent().endsWith("entity"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(SchemaMigrationTest::load)
                    .filter(c -> c.isAnnotationPresent(Entity.class))
                    .<Class<?>>map(c -> c)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
