package io.sesame.platform.boundary;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Consumer;

/**
 * Work that must wait for the current transaction's outcome — dropping a cache entry again, telling the cluster about
 * a change — so that nobody acts on (or re-caches) a state from before the commit.
 */
public final class AfterCompletion {

    private AfterCompletion() {
    }

    /**
     * Runs {@code action} with whether the transaction committed, when it completes; at once (as committed) when there
     * is no transaction.
     */
    public static void run(TransactionSynchronizationRegistry transactions, Consumer<Boolean> action) {
        if (transactions.getTransactionKey() == null) {
            action.accept(true);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }
}
