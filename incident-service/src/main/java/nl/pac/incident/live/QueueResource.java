package nl.pac.incident.live;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.contracts.AlarmType;
import nl.pac.incident.timeline.IncidentLinks;
import nl.pac.incident.timeline.IncidentQueries;
import nl.pac.incident.timeline.RelatedIncident;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operators' live queue: the tenant's open incidents, most urgent first, then longest waiting. */
@Path("/api/v1/queue")
@RolesAllowed({Roles.OPERATOR, Roles.MANAGER})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class QueueResource {

    /** Priority 1: the alarm types by which a worker signals danger, as the escalation chain reads them too. */
    private static final String[] DANGER_TYPES = Arrays.stream(AlarmType.values()).filter(AlarmType::signalsDanger)
            .map(Enum::name).toArray(String[]::new);

    private final DataSource dataSource;
    private final CurrentCaller current;
    private final InstantSource clock;

    public QueueResource(DataSource dataSource, CurrentCaller current, InstantSource clock) {
        this.dataSource = dataSource;
        this.current = current;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Open incidents by priority (1 danger alarm or processing fault, 2 visit escalation, 3 technical) and age, with the last entry",
            description = "Pair with GET /api/v1/queue/feed to re-read on change.")
    public List<QueueItem> queue(@Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
                                 @Parameter(description = "1..500, default 200") @QueryParam("limit") String limit) throws SQLException {
        String tenantId = current.readTenant(tenant);
        List<FieldError> errors = new ArrayList<>();
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, 500, 200, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT i.incident_id, i.alarm_id, i.visit_id, i.worker_id, i.alarm_type,
                            CASE WHEN i.alarm_type = ANY (?) OR i.processing_fault IS NOT NULL THEN 1 WHEN i.visit_id IS NOT NULL THEN 2 ELSE 3 END
                                AS priority,
                            i.opened_at, last.occurred_at, last.summary, last.entries, i.owner
                     FROM incident i
                     CROSS JOIN LATERAL (
                         SELECT t.occurred_at, t.summary, count(*) OVER () AS entries FROM timeline_entry t
                         WHERE t.incident_id = i.incident_id ORDER BY t.occurred_at DESC, t.entry_id DESC LIMIT 1) last
                     WHERE i.tenant_id = ? AND i.status = 'OPEN'
                     ORDER BY priority, i.opened_at LIMIT ?""")) {
            select.setArray(1, c.createArrayOf("text", DANGER_TYPES));
            select.setString(2, tenantId);
            select.setInt(3, max);
            List<QueueItem> items = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Instant opened = rs.getTimestamp(7).toInstant();
                    Timestamp last = rs.getTimestamp(8);
                    items.add(new QueueItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), null, rs.getObject(3, UUID.class),
                            null, rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(11), opened,
                            Math.max(0, Duration.between(opened, now).toSeconds()),
                            last == null ? null : last.toInstant(), rs.getString(9), rs.getInt(10)));
                }
            }
            List<UUID> ids = items.stream().map(QueueItem::incidentId).toList();
            Map<UUID, List<UUID>> alarms = IncidentQueries.alarmIds(c, ids);
            Map<UUID, List<RelatedIncident>> related = IncidentLinks.of(c, tenantId, ids);
            return items.stream().map(i -> new QueueItem(i.incidentId(), i.alarmId(), List.copyOf(alarms.getOrDefault(i.incidentId(), List.of())),
                    i.visitId(), List.copyOf(related.getOrDefault(i.incidentId(), List.of())), i.workerId(), i.alarmType(), i.priority(),
                    i.owner(), i.openedAt(), i.waitingSeconds(), i.lastEntryAt(), i.lastSummary(), i.timelineEntries())).toList();
        }
    }
}
