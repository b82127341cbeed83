package nl.pac.escalation.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Serialises, per worker, the transactions that read one topic's state and write another's: a visit
 * that starts reads the worker's danger signals, and a danger alarm reads the worker's open chains.
 *
 * <p>Failure mode it names: write skew. The two consumers run in their own threads; under READ
 * COMMITTED, a visit and an alarm of the same worker consumed at the same moment would each miss the
 * other's uncommitted row, and the chain would never hear of the danger. Holding this lock first,
 * the later transaction waits for the earlier one's commit, and each of its statements then sees it.
 *
 * <p>A transaction-scoped PostgreSQL advisory lock on a 64-bit hash of tenant and worker: released at
 * commit or rollback, so no path can leave it held. Two workers whose hashes collide only wait for
 * each other, which costs time and never correctness.
 */
final class WorkerLock {

    private WorkerLock() {
    }

    static void hold(Connection c, String tenantId, String workerId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            // The unit separator cannot occur in either id (the APIs refuse control characters), so the key is unambiguous.
            lock.setString(1, tenantId + '\u001f' + workerId);
            lock.execute();
        }
    }
}
