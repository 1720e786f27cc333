package io.sesame.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source class named by Sesame's {@code @DataSourceDefinition}: it picks the vendor data source
 * from the JDBC URL, so that choosing the database is one setting ({@code SESAME_DB_URL}) rather than two.
 * Payara pools the connections it hands out.
 */
public class UrlRoutedDataSource implements DataSource {

    private String url;
    private String user;
    private String password;
    private static final Logger LOG = Logger.getLogger(UrlRoutedDataSource.class.getName());

    private volatile DataSource delegate;
    private volatile boolean unreachable;
    private PrintWriter logWriter;
    private int loginTimeoutSeconds;

    public void setUrl(String url) {
        this.url = url;
        this.delegate = null;
    }

    /** Payara passes {@code url} under either spelling. */
    public void setURL(String url) {
        setUrl(url);
    }

    public String getUrl() {
        return url;
    }

    public void setUser(String user) {
        this.user = user;
        this.delegate = null;
    }

    public void setPassword(String password) {
        this.password = password;
        this.delegate = null;
    }

    // @DataSourceDefinition defaults (serverName=localhost, portNumber=-1) arrive as properties too: the URL wins.
    public void setServerName(String ignored) { }

    public void setPortNumber(int ignored) { }

    public void setDatabaseName(String ignored) { }

    DataSource delegate() throws SQLException {
        DataSource current = delegate;
        if (current == null) {
            current = createDelegate(url, user, password);
            delegate = current;
        }
        return current;
    }

    static DataSource createDelegate(String url, String user, String password) throws SQLException {
        switch (DatabaseKind.of(url)) {
            case H2: {
                org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
                h2.setURL(url);
                h2.setUser(user);
                h2.setPassword(password == null ? "" : password);
                return h2;
            }
            case POSTGRESQL: {
                org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
                pg.setURL(url);
                if (user != null && !user.isBlank()) {
                    pg.setUser(user);
                }
                if (password != null && !password.isEmpty()) {
                    pg.setPassword(password);
                }
                return pg;
            }
            default:
                throw new SQLException("Unsupported database URL '" + DatabaseKind.redact(url)
                        + "': Sesame supports jdbc:h2: and jdbc:postgresql: (set SESAME_DB_URL)");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return reportingOutages(() -> delegate().getConnection());
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return reportingOutages(() -> delegate().getConnection(username, pass));
    }

    private interface ConnectionSupplier {
        Connection get() throws SQLException;
    }

    /**
     * One log line when the database becomes unreachable (at deployment this is the line that says why Sesame
     * does not start) and one when it answers again; nothing in between, however often the pool retries.
     */
    private Connection reportingOutages(ConnectionSupplier supplier) throws SQLException {
        try {
            Connection connection = supplier.get();
            if (unreachable) {
                unreachable = false;
                LOG.info(() -> "Database " + DatabaseKind.redact(url) + " answers again");
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            if (!unreachable) {
                unreachable = true;
                LOG.severe("Sesame cannot reach its database " + DatabaseKind.redact(url) + ": "
                        + SchemaMigration.rootMessage(e) + " (check SESAME_DB_URL, SESAME_DB_USER, SESAME_DB_PASSWORD)");
            }
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate().isWrapperFor(iface);
    }
}
