package io.sesame.it;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fault suite's surroundings, started before Arquillian starts Payara (register it before ArquillianExtension):
 * fault proxies in front of the SES emulator, the STS double and — in the PostgreSQL run — the database, on the ports
 * the failsafe execution points Sesame at ({@code SESAME_SES_ENDPOINT}, {@code SESAME_STS_ENDPOINT}, {@code SESAME_DB_URL}).
 */
public class FaultLab implements BeforeAllCallback {

    static final int SES_PROXY_PORT = 18095;
    static final int STS_PROXY_PORT = 18096;
    static final int DATABASE_PROXY_PORT = 15432;

    private static Lab lab;

    /** What the proxies stand in front of, closed when the run ends. */
    record Lab(FaultProxy ses, FaultProxy sts, FaultProxy database, StsStub stsStub)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            ses.close();
            sts.close();
            if (database != null) {
                database.close();
            }
            stsStub.close();
        }
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (lab != null) {
            return;
        }
        FaultProxy database = null;
        if (ItEnvironment.isPostgres()) {
            database = new FaultProxy("postgres", DATABASE_PROXY_PORT, URI.create(ItEnvironment.postgresUrl().substring("jdbc:".length())).getPort());
        }
        lab = new Lab(new FaultProxy("ses", SES_PROXY_PORT, ItEnvironment.sesEndpoint().getPort()),
                new FaultProxy("sts", STS_PROXY_PORT, StsStub.PORT), database, new StsStub());
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(FaultLab.class, lab);
    }

    static Lab lab() {
        return lab;
    }
}
