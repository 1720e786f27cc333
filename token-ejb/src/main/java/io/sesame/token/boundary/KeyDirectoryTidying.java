package io.sesame.token.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** The key directory's timer: it is a CDI bean (no container hop on every request), and timers are the EJB container's. */
@Singleton
public class KeyDirectoryTidying {

    @Inject
    KeyDirectory directory;

    @Schedule(hour = "*", minute = "*/5", persistent = false)
    void tidy() {
        directory.tidy();
    }
}
