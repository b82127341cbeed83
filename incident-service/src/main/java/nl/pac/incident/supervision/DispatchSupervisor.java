package nl.pac.incident.supervision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.incident.timeline.ProcessingFaults;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.Housekeeping;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pipeline supervision: an accepted alarm whose first notification attempt has not been seen within
 * {@code pac.incident.supervision.dispatch-bound} (default 10 s, BS 8484) of its acceptance (or of
 * this service reading it, if later: catching up after downtime flags nothing that was dispatched) is flagged on its incident as "alarm
 * not dispatched", whatever the cause (dispatch down, its consumer stuck, a poison record, the
 * broker): the incident goes to the top of the operators' queue with an entry saying so, and
 * {@code pac_incident_alarms_not_dispatched_total} counts it. When dispatch catches up, its real
 * notification joins the same timeline.
 */
@ApplicationScoped
public class DispatchSupervisor {

    private static final int BATCH = 100;

    private final DataSource dataSource;
    private final InstantSource clock;
    private final SupervisionConfig config;
    private final Counter flagged;

    public DispatchSupervisor(DataSource dataSource, InstantSource clock, SupervisionConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.flagged = Counter.builder("pac.incident.alarms.not.dispatched")
                .description("accepted alarms without a notification attempt within the dispatch bound").register(registry);
    }

    @Scheduled(identity = "dispatch-supervisor", every = "${pac.incident.supervision.sweep-interval:PT1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        if (!config.enabled()) {
            return;
        }
        Housekeeping.run("dispatch-supervisor", this::sweep);
    }

    /** Flags every alarm now past the bound without an attempt; returns how many. */
    public int sweep() throws SQLException {
        int n = JdbcTransactions.inTransaction(dataSource, this::flagOverdue);
        flagged.increment(n);
        return n;
    }

    private int flagOverdue(Connection c) throws SQLException {
        Instant now = clock.instant();
        List<Object[]> due = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT alarm_id, tenant_id, incident_id, accepted_at FROM alarm_dispatch_watch
                WHERE first_attempt_at IS NULL AND flagged_at IS NULL AND GREATEST(accepted_at, seen_at) <= ? AND incident_id IS NOT NULL
                ORDER BY GREATEST(accepted_at, seen_at) LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setTimestamp(1, Timestamp.from(now.minus(config.dispatchBound())));
            select.setInt(2, BATCH);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(new Object[]{rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getTimestamp(4).toInstant()});
                }
            }
        }
        for (Object[] row : due) {
            UUID alarmId = (UUID) row[0];
            String reason = "ALARM NOT DISPATCHED: no notification attempt within " + config.dispatchBound()
                    + " of its acceptance at " + row[3] + ". Call the worker; check dispatch-service.";
            String details = "{\"alarmId\":\"" + alarmId + "\",\"acceptedAt\":\"" + row[3] + "\",\"bound\":\""
                    + config.dispatchBound() + "\"}";
            // The entry's id is the alarm's own flag: the same alarm is never flagged twice.
            UUID entryId = UUID.nameUUIDFromBytes(("alarm-not-dispatched/" + alarmId).getBytes(StandardCharsets.UTF_8));
            ProcessingFaults.flag(c, (String) row[1], (UUID) row[2], entryId, "AlarmNotDispatched", now, reason,
                    details.getBytes(StandardCharsets.UTF_8));
            try (PreparedStatement mark = c.prepareStatement("UPDATE alarm_dispatch_watch SET flagged_at = ? WHERE alarm_id = ?")) {
                mark.setTimestamp(1, Timestamp.from(now));
                mark.setObject(2, alarmId);
                mark.executeUpdate();
            }
        }
        return due.size();
    }
}
