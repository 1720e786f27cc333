package io.sesame.platform.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Leases for jobs that must run on one instance at a time (key hygiene, retention, alert notifications, signing-key
 * rotation): one conditional UPDATE — or, for a job never run, an INSERT that only one instance can win — so two
 * instances sharing the database never both hold a job. A lease expires on its own if its holder dies; the holder
 * renews it by taking it again. Plain JDBC, portable SQL (H2 and PostgreSQL).
 */
public final class Leases {

    private Leases() {
    }

    /** Takes or renews the lease for {@code ttl}; false when another holder's lease is still running. */
    public static boolean tryAcquire(Connection connection, String job, String holder, Instant now, Duration ttl) throws SQLException {
        Timestamp until = Timestamp.from(now.plus(ttl));
        try (PreparedStatement update = connection.prepareStatement(
                "update job_lease set holder = ?, lease_until = ? where name = ? and (lease_until < ? or holder = ?)")) {
            update.setString(1, holder);
            update.setTimestamp(2, until);
            update.setString(3, job);
            update.setTimestamp(4, Timestamp.from(now));
            update.setString(5, holder);
            if (update.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into job_lease (name, holder, lease_until) select ?, ?, ? from (values (1)) as one(x) "
                        + "where not exists (select 1 from job_lease where name = ?)")) {
            insert.setString(1, job);
            insert.setString(2, holder);
            insert.setTimestamp(3, until);
            insert.setString(4, job);
            return insert.executeUpdate() == 1;
        } catch (SQLException concurrentInsert) {
            return false; // another instance inserted the row at the same moment: it holds the lease
        }
    }
}
