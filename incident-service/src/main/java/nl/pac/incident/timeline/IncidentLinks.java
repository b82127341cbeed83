package nl.pac.incident.timeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.pac.contracts.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Links between a tenant's incidents of one worker (issue 15): a panic during a visit is the alarm's
 * incident and the visit's escalation, two queue lines that are one emergency. When an event opens or
 * joins an incident ({@link #OPENING_EVENTS}), the tenant's other incidents of the same worker that
 * overlap it in time (open, or resolved after it opened), or that caused it or that it caused (an event
 * of one names the other's alarm: {@code EscalationStepStarted.alarmId}), are linked to it both ways,
 * each direction with its reason ({@link RelatedIncident.Reason}) and an {@value #LINKED} entry on each
 * timeline, in the consumer's transaction.
 *
 * <p>Idempotent: a link is stored once per direction (table incident_link, V17) and its entries have
 * event ids derived from both incidents and the reason, so a replay or redelivery of the same events
 * adds neither link nor entry. A reason only becomes more specific (a link first seen as overlapping
 * turns out to be causal when the escalation step naming the alarm comes), which is a new entry.
 *
 * <p>Never across tenants or workers: candidates are read within the tenant and worker of the incident
 * only, and the references between alarms and steps within the tenant. An incident without a known
 * worker (dead letters, processing faults) is never linked.
 *
 * <p>Concurrency: two incidents of one worker may be opened at the same moment by two consumers (the
 * alarm on pac.alarms, the visit's step on pac.escalations, on two instances), each missing the other's
 * uncommitted incident under READ COMMITTED. {@link #holdWorker} serialises them per tenant and worker
 * from before the incident's upsert until commit, so the later one sees the earlier one and links both.
 */
public final class IncidentLinks {

    /** The timeline entry type of a new or more specific link. */
    public static final String LINKED = "IncidentLinked";

    /** The events that open or join an incident; the many dispatch facts of an incident link nothing. */
    static final Set<String> OPENING_EVENTS = Set.of("AlarmRaised", "OverdueDetected", "EscalationStepStarted", "EscalationCleared");

    /** At most this many incidents are linked by one event: a bound on the work one event does. */
    static final int MAX_LINKED_PER_EVENT = 50;

    private static final TypeReference<List<RelatedIncident>> LIST = new TypeReference<>() {
    };

    private IncidentLinks() {
    }

    /** Whether recording this fact looks for related incidents: an opening event of a known worker. */
    static boolean links(IncidentFact fact) {
        String worker = fact.workerId();
        return OPENING_EVENTS.contains(fact.entry().type()) && worker != null && !worker.isBlank() && !"unknown".equals(worker);
    }

    /**
     * Serialises the linking transactions of one tenant's worker until commit (see the class comment).
     * Taken before any incident row lock, by every transaction that links, so it cannot deadlock with
     * them; a hash collision of two workers only makes one wait.
     */
    static void holdWorker(Connection c, String tenantId, String workerId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            // The unit separator cannot occur in either id (the APIs and contracts refuse control characters).
            lock.setString(1, "pac-incident-links:" + tenantId + '\u001f' + workerId);
            lock.execute();
        }
    }

    /**
     * Links the incident the fact was recorded on with its related incidents; the caller holds the
     * worker ({@link #holdWorker}) and the incident's row lock, and the fact's entry is on its timeline.
     */
    static void link(Connection c, IncidentFact fact, UUID incidentId) throws SQLException {
        if (fact.namedAlarmId() != null) {
            try (PreparedStatement reference = c.prepareStatement("""
                    INSERT INTO incident_alarm_reference (incident_id, alarm_id, tenant_id) VALUES (?, ?, ?)
                    ON CONFLICT (incident_id, alarm_id) DO NOTHING""")) {
                reference.setObject(1, incidentId);
                reference.setObject(2, fact.namedAlarmId());
                reference.setString(3, fact.tenantId());
                reference.executeUpdate();
            }
        }
        Incident self = null;
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                WITH x AS (
                    SELECT incident_id, tenant_id, worker_id, opened_at, alarm_id, visit_id, alarm_type,
                           CASE WHEN status = 'RESOLVED' THEN resolved_at END AS ended_at
                    FROM incident WHERE incident_id = ? AND tenant_id = ?
                ), caused_by AS (
                    SELECT m.incident_id FROM incident_alarm_reference r
                    JOIN incident_alarm m ON m.alarm_id = r.alarm_id AND m.tenant_id = r.tenant_id
                    WHERE r.incident_id = (SELECT incident_id FROM x)
                ), caused AS (
                    SELECT r.incident_id FROM incident_alarm m
                    JOIN incident_alarm_reference r ON r.alarm_id = m.alarm_id AND r.tenant_id = m.tenant_id
                    WHERE m.incident_id = (SELECT incident_id FROM x)
                )
                SELECT o.incident_id, o.alarm_id, o.visit_id, o.alarm_type, o.opened_at,
                       o.incident_id IN (SELECT incident_id FROM caused_by), o.incident_id IN (SELECT incident_id FROM caused),
                       x.alarm_id, x.visit_id, x.alarm_type, x.opened_at
                FROM x JOIN incident o ON o.tenant_id = x.tenant_id AND o.worker_id = x.worker_id AND o.incident_id <> x.incident_id
                WHERE o.incident_id IN (SELECT incident_id FROM caused_by UNION SELECT incident_id FROM caused)
                   OR (o.opened_at <= COALESCE(x.ended_at, 'infinity'::timestamptz)
                       AND x.opened_at <= COALESCE(CASE WHEN o.status = 'RESOLVED' THEN o.resolved_at END, 'infinity'::timestamptz))
                ORDER BY o.opened_at DESC, o.incident_id
                LIMIT ?""")) {
            select.setObject(1, incidentId);
            select.setString(2, fact.tenantId());
            select.setInt(3, MAX_LINKED_PER_EVENT);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (self == null) {
                        self = new Incident(incidentId, rs.getObject(8, UUID.class), rs.getObject(9, UUID.class), rs.getString(10),
                                rs.getTimestamp(11).toInstant());
                    }
                    RelatedIncident.Reason reason = rs.getBoolean(6) ? RelatedIncident.Reason.CAUSED_BY
                            : rs.getBoolean(7) ? RelatedIncident.Reason.CAUSED : RelatedIncident.Reason.SAME_WORKER_OVERLAPPING;
                    candidates.add(new Candidate(new Incident(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getTimestamp(5).toInstant()), reason));
                }
            }
        }
        for (Candidate candidate : candidates) {
            Incident other = candidate.incident();
            Instant at = latest(fact.entry().at(), self.openedAt(), other.openedAt());
            lockIncident(c, other.id()); // before its link row, whose foreign key would otherwise share-lock it first
            if (!store(c, fact.tenantId(), self.id(), other.id(), candidate.reason(), at)) {
                continue; // known already, for this reason or a more specific one: a replay adds nothing
            }
            store(c, fact.tenantId(), other.id(), self.id(), candidate.reason().mirrored(), at);
            append(c, fact.tenantId(), self, other, candidate.reason(), at, fact.entry().eventId());
            append(c, fact.tenantId(), other, self, candidate.reason().mirrored(), at, fact.entry().eventId());
        }
    }

    /** Stores the link from {@code from} to {@code to}, or makes its reason more specific; whether it changed. */
    private static boolean store(Connection c, String tenantId, UUID from, UUID to, RelatedIncident.Reason reason, Instant at)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO incident_link AS l (tenant_id, incident_id, related_incident_id, reason, linked_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (incident_id, related_incident_id) DO UPDATE SET reason = EXCLUDED.reason, linked_at = EXCLUDED.linked_at
                    WHERE l.reason = 'SAME_WORKER_OVERLAPPING' AND EXCLUDED.reason <> 'SAME_WORKER_OVERLAPPING'
                RETURNING l.reason""")) {
            upsert.setString(1, tenantId);
            upsert.setObject(2, from);
            upsert.setObject(3, to);
            upsert.setString(4, reason.name());
            upsert.setTimestamp(5, Timestamp.from(at));
            try (ResultSet rs = upsert.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The related incident's row lock, so its link entry takes the next place in its hash chain. */
    private static void lockIncident(Connection c, UUID incidentId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM incident WHERE incident_id = ? FOR UPDATE")) {
            lock.setObject(1, incidentId);
            lock.executeQuery().close();
        }
    }

    private static void append(Connection c, String tenantId, Incident self, Incident other, RelatedIncident.Reason reason,
                               Instant at, UUID byEvent) throws SQLException {
        ObjectNode details = EventJson.mapper().createObjectNode();
        details.put("incidentId", self.id().toString());
        details.put("relatedIncidentId", other.id().toString());
        details.put("relatedKind", other.kind());
        if (other.alarmType() != null) {
            details.put("relatedAlarmType", other.alarmType());
        }
        if (other.alarmId() != null) {
            details.put("relatedAlarmId", other.alarmId().toString());
        }
        if (other.visitId() != null) {
            details.put("relatedVisitId", other.visitId().toString());
        }
        details.put("reason", reason.name());
        details.put("linkedBy", byEvent.toString());
        UUID entryId = UUID.nameUUIDFromBytes(("pac-incident-link|" + self.id() + "|" + other.id() + "|" + reason)
                .getBytes(StandardCharsets.UTF_8));
        TimelineEntries.append(c, tenantId, self.id(), new IncidentFact.Entry(entryId, LINKED, at, summary(other, reason),
                details.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String summary(Incident other, RelatedIncident.Reason reason) {
        String what = "incident " + other.id() + " (" + (other.visitId() != null ? "escalation of visit " + other.visitId()
                : (other.alarmType() == null ? "" : other.alarmType() + " ") + "alarm " + other.alarmId()) + ")";
        return switch (reason) {
            case SAME_WORKER_OVERLAPPING -> "Related " + what + ": the same worker, at the same time";
            case CAUSED_BY -> "Caused by " + what + ": this incident's escalation names that alarm";
            case CAUSED -> "Caused " + what + ": its escalation names this incident's alarm";
        };
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant max = a.isAfter(b) ? a : b;
        return max.isAfter(c) ? max : c;
    }

    /**
     * Each incident's related incidents, within the tenant, in the order they opened: for the detail,
     * the list and the queue.
     */
    public static Map<UUID, List<RelatedIncident>> of(Connection c, String tenantId, List<UUID> incidentIds) throws SQLException {
        Map<UUID, List<RelatedIncident>> related = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return related;
        }
        try (PreparedStatement select = c.prepareStatement("""
                SELECT l.incident_id, o.incident_id, o.visit_id, o.alarm_type, o.alarm_id, l.reason, o.status
                FROM incident_link l JOIN incident o ON o.incident_id = l.related_incident_id
                WHERE l.incident_id = ANY (?) AND l.tenant_id = ? AND o.tenant_id = ?
                ORDER BY l.incident_id, o.opened_at, o.incident_id""")) {
            select.setArray(1, c.createArrayOf("uuid", incidentIds.toArray()));
            select.setString(2, tenantId);
            select.setString(3, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID visitId = rs.getObject(3, UUID.class);
                    related.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new RelatedIncident(
                            rs.getObject(2, UUID.class), visitId != null ? "VISIT" : "ALARM", rs.getString(4),
                            rs.getObject(5, UUID.class), visitId, rs.getString(6), rs.getString(7)));
                }
            }
        }
        return related;
    }

    /** The related incidents a live-feed change carries (queue_change.related, written at commit by V17's trigger). */
    public static List<RelatedIncident> fromJson(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.copyOf(EventJson.mapper().readValue(json, LIST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a link needs to know of either incident. */
    record Incident(UUID id, UUID alarmId, UUID visitId, String alarmType, Instant openedAt) {

        String kind() {
            return visitId != null ? "VISIT" : "ALARM";
        }
    }

    private record Candidate(Incident incident, RelatedIncident.Reason reason) {
    }
}
