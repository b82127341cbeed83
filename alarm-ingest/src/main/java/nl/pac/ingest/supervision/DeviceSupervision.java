package nl.pac.ingest.supervision;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmType;
import nl.pac.ingest.alarm.AlarmIngestion;
import nl.pac.ingest.alarm.AlarmRequest;
import nl.pac.ingest.request.ActingAs;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.Housekeeping;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Device supervision: a device with a supervision interval that is not heard from within its interval
 * plus {@code pac.ingest.supervision.grace} is itself an alarm, DEVICE_OFFLINE for the operator queue,
 * or DEVICE_OFFLINE_ON_VISIT (a danger alarm) while its worker is on a visit, because their alarm button
 * no longer works where they may need it. Heard again, it raises DEVICE_ONLINE. What counts as heard:
 * a REST heartbeat, any alarm or visit command of the device, any DC-09 message or link test.
 *
 * <p>The timers are rows (table device_supervision) swept by every instance with
 * {@code FOR UPDATE SKIP LOCKED}: a due row is claimed by one sweep, its alarm published under a key
 * derived from the row's due time, and marked offline in the same transaction, so a crash between the
 * publication and the commit republishes the same alarm id (consumers drop it) instead of a second one.
 */
@ApplicationScoped
public class DeviceSupervision {

    private static final Logger LOG = Logger.getLogger(DeviceSupervision.class);
    static final String SUPERVISOR = "pac-device-supervision";
    private static final int BATCH = 200;

    private final DataSource dataSource;
    private final AlarmIngestion alarms;
    private final IngestAuthorization authorization;
    private final InstantSource clock;
    private final Duration grace;

    public DeviceSupervision(DataSource dataSource, AlarmIngestion alarms, IngestAuthorization authorization, InstantSource clock,
                             nl.pac.ingest.request.IngestConfig config) {
        this.dataSource = dataSource;
        this.alarms = alarms;
        this.authorization = authorization;
        this.clock = clock;
        this.grace = config.supervision().grace();
    }

    /**
     * The device was heard at {@code at}: its timer restarts, and if it was offline its DEVICE_ONLINE is
     * left to the sweep (a heartbeat only writes one row). A device without a supervision interval (or
     * not registered) is not supervised: nothing happens.
     */
    public void heard(String vendorId, String deviceId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement upsert = c.prepareStatement("""
                     INSERT INTO device_supervision (vendor_id, device_id, last_heard_at, due_at)
                     SELECT d.vendor_id, d.device_id, ?, CAST(? AS timestamptz) + make_interval(secs => d.supervision_interval_seconds + ?)
                     FROM device d WHERE d.vendor_id = ? AND d.device_id = ? AND d.supervision_interval_seconds IS NOT NULL
                     ON CONFLICT (vendor_id, device_id) DO UPDATE
                         SET last_heard_at = GREATEST(device_supervision.last_heard_at, EXCLUDED.last_heard_at),
                             due_at = GREATEST(device_supervision.due_at, EXCLUDED.due_at),
                             restored_at = CASE WHEN device_supervision.offline_since IS NOT NULL THEN EXCLUDED.last_heard_at
                                                ELSE device_supervision.restored_at END,
                             offline_since = NULL""")) {
            Timestamp heard = Timestamp.from(at);
            upsert.setTimestamp(1, heard);
            upsert.setTimestamp(2, heard);
            upsert.setDouble(3, grace.toMillis() / 1000.0);
            upsert.setString(4, vendorId);
            upsert.setString(5, deviceId);
            upsert.executeUpdate();
        }
    }

    @Scheduled(identity = "device-supervision", every = nl.pac.ingest.request.IngestConfig.Supervision.SWEEP_INTERVAL,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        Housekeeping.run("device-supervision", this::sweep);
    }

    /** Raises the alarm of every device now past its due time, each once; answers how many. */
    public int sweep() throws SQLException {
        int total = 0;
        for (int raised; (raised = sweepBatch()) > 0; ) {
            total += raised;
            if (raised < BATCH) {
                break;
            }
        }
        return total;
    }

    private record Due(String vendorId, String deviceId, Instant at, String tenantId, String workerId, AlarmType type) {
    }

    private int sweepBatch() throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            List<Due> due = claim(c);
            for (Due d : due) {
                // The alarm first: if it cannot be published, the transaction rolls back and the row stays due.
                raise(d, (d.type() == AlarmType.DEVICE_ONLINE ? "online-" : "offline-") + d.vendorId() + "/" + d.deviceId() + "/" + d.at());
                try (PreparedStatement mark = c.prepareStatement(d.type() == AlarmType.DEVICE_ONLINE
                        ? "UPDATE device_supervision SET restored_at = NULL WHERE vendor_id = ? AND device_id = ?"
                        : "UPDATE device_supervision SET offline_since = due_at WHERE vendor_id = ? AND device_id = ?")) {
                    mark.setString(1, d.vendorId());
                    mark.setString(2, d.deviceId());
                    mark.executeUpdate();
                }
                LOG.warnf("device %s/%s of %s: %s raised (%s)", d.vendorId(), d.deviceId(), d.tenantId(), d.type(), d.at());
            }
            return due.size();
        });
    }

    /** Due timers (offline) and pending restores (online), each row claimed by one sweep only. */
    private List<Due> claim(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT s.vendor_id, s.device_id, s.due_at, s.restored_at, d.tenant_id, d.worker_id,
                       EXISTS (SELECT 1 FROM visit v WHERE v.tenant_id = d.tenant_id AND v.worker_id = d.worker_id
                               AND v.status = 'ACTIVE')
                FROM device_supervision s JOIN device d ON d.vendor_id = s.vendor_id AND d.device_id = s.device_id
                WHERE (s.offline_since IS NULL AND s.due_at <= ?) OR s.restored_at IS NOT NULL
                ORDER BY s.due_at LIMIT ? FOR UPDATE OF s SKIP LOCKED""")) {
            select.setTimestamp(1, Timestamp.from(clock.instant()));
            select.setInt(2, BATCH);
            List<Due> due = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Timestamp restored = rs.getTimestamp(4);
                    AlarmType type = restored != null ? AlarmType.DEVICE_ONLINE
                            : rs.getBoolean(7) ? AlarmType.DEVICE_OFFLINE_ON_VISIT : AlarmType.DEVICE_OFFLINE;
                    Instant at = restored != null ? restored.toInstant() : rs.getTimestamp(3).toInstant();
                    due.add(new Due(rs.getString(1), rs.getString(2), at, rs.getString(5), rs.getString(6), type));
                }
            }
            return due;
        }
    }

    /** Publishes the supervision alarm as PAC itself (the supervisor), in a request context of its own. */
    private void raise(Due due, String key) {
        ActingAs.caller(ActingAs.pac(SUPERVISOR, due.tenantId()), () -> {
            authorization.supervisionRaises(due.type());
            return alarms.accept(new AlarmRequest(due.tenantId(), due.deviceId(), due.workerId(), due.type(), due.at(), null), digest(key));
        });
    }

    private static String digest(String key) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "supervision-" + java.util.HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
