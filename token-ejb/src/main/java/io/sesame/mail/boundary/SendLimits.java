package io.sesame.mail.boundary;

import io.sesame.cluster.boundary.ClusterGrid;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Per-key rate limits (token bucket per key): this instance's, or the cluster's in cluster mode. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SendLimits {

    @Inject
    ClusterGrid cluster;

    public long acquire(String keyId, double ratePerSecond, int messages) {
        return cluster.acquireRate(keyId, ratePerSecond, messages);
    }

    public long peek(String keyId, double ratePerSecond, int messages) {
        return cluster.peekRate(keyId, ratePerSecond, messages);
    }
}
