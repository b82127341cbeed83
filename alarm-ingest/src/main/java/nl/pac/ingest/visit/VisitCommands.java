package nl.pac.ingest.visit;

import nl.pac.contracts.CheckInReceived;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.RiskQuestion;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitCheckedOut;
import nl.pac.contracts.VisitStarted;
import nl.pac.ingest.idempotency.IngestCommand;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The visit API's commands: what each publishes on pac.visits and what it changes in ingest. */
final class VisitCommands {

    static final String SOURCE = "/pac/alarm-ingest";
    /** The protocols ask for a backup for visits in the evening (seed 000, 001). */
    static final LocalTime BACKUP_REQUIRED_FROM = LocalTime.of(17, 0);

    private VisitCommands() {
    }

    /** @param atRiskAddress the address is in the tenant's risk-address register, as looked up when the visit came in */
    record StartVisit(VisitRequests.StartVisit request, ZoneId tenantZone, boolean atRiskAddress) implements IngestCommand {

        @Override
        public String tenantId() {
            return request.tenantId();
        }

        @Override
        public String kind() {
            return "visit";
        }

        @Override
        public Object canonicalRequest() {
            return request;
        }

        @Override
        public List<Outgoing> events(UUID visitId, Instant receivedAt) {
            return List.of(new Outgoing(Topic.VISITS, request.workerId(), CloudEvent.of(visitId, SOURCE, receivedAt, event(visitId, receivedAt))));
        }

        VisitStarted event(UUID visitId, Instant receivedAt) {
            VisitRequests.StartVisit r = request;
            return new VisitStarted(visitId, r.tenantId(), r.workerId(), r.teamId(), r.address(), r.clientReference(), r.plannedStart(),
                    r.expectedEnd(), r.riskLevel(), r.riskAssessment(), RiskQuestion.isRiskVisit(r.riskLevel(), r.riskAssessment()),
                    r.unannounced(), r.withColleague(), lateWithoutBackup(), atRiskAddress, receivedAt);
        }

        /** Unannounced, or not over before 17:00 on its day, and nobody goes along. */
        boolean lateWithoutBackup() {
            if (request.withColleague()) {
                return false;
            }
            ZonedDateTime start = request.plannedStart().atZone(tenantZone);
            Instant evening = start.toLocalDate().atTime(BACKUP_REQUIRED_FROM).atZone(tenantZone).toInstant();
            return request.unannounced() || request.expectedEnd().isAfter(evening);
        }

        @Override
        public void applied(Connection connection, UUID visitId, Instant receivedAt) throws SQLException {
            VisitStore.insert(connection, visitId, request.tenantId(), request.workerId(), request.expectedEnd(), receivedAt);
        }
    }

    /** A command on one visit that must still be open; the visit is looked up by the precheck. */
    abstract static class OnOpenVisit implements IngestCommand {

        private final VisitStore store;
        final UUID visitId;
        private final String tenantId;
        String workerId;

        OnOpenVisit(VisitStore store, UUID visitId, String tenantId) {
            this.store = store;
            this.visitId = visitId;
            this.tenantId = tenantId;
        }

        @Override
        public String tenantId() {
            return tenantId;
        }

        @Override
        public void precheck() throws SQLException {
            workerId = activeVisit(store, tenantId, visitId).workerId();
        }
    }

    static final class CheckIn extends OnOpenVisit {

        private final VisitRequests.CheckIn request;

        CheckIn(VisitStore store, UUID visitId, VisitRequests.CheckIn request) {
            super(store, visitId, request.tenantId());
            this.request = request;
        }

        @Override
        public String kind() {
            return "check-in";
        }

        @Override
        public Object canonicalRequest() {
            return List.of(visitId, request);
        }

        @Override
        public List<Outgoing> events(UUID checkInId, Instant receivedAt) {
            CheckInReceived event = new CheckInReceived(checkInId, visitId, request.tenantId(), workerId,
                    request.newExpectedEnd(), request.location(), receivedAt);
            return List.of(new Outgoing(Topic.VISITS, workerId, CloudEvent.of(checkInId, SOURCE, receivedAt, event)));
        }

        @Override
        public void applied(Connection connection, UUID checkInId, Instant receivedAt) throws SQLException {
            if (request.newExpectedEnd() != null) {
                VisitStore.extend(connection, visitId, request.newExpectedEnd());
            }
        }
    }

    static final class CheckOut extends OnOpenVisit {

        private final VisitRequests.CheckOut request;

        CheckOut(VisitStore store, UUID visitId, VisitRequests.CheckOut request) {
            super(store, visitId, request.tenantId());
            this.request = request;
        }

        @Override
        public String kind() {
            return "check-out";
        }

        @Override
        public Object canonicalRequest() {
            return List.of(visitId, request);
        }

        @Override
        public List<Outgoing> events(UUID checkOutId, Instant receivedAt) {
            VisitCheckedOut event = new VisitCheckedOut(checkOutId, visitId, request.tenantId(), workerId, false, receivedAt);
            return List.of(new Outgoing(Topic.VISITS, workerId, CloudEvent.of(checkOutId, SOURCE, receivedAt, event)));
        }

        @Override
        public void applied(Connection connection, UUID checkOutId, Instant receivedAt) throws SQLException {
            VisitStore.checkOut(connection, visitId);
        }
    }

    /** A worker's end-of-day check-out: every visit still open is done. */
    static final class EndOfDay implements IngestCommand {

        private final VisitStore store;
        private final String workerId;
        private final VisitRequests.CheckOut request;
        private final List<UUID> visits = new ArrayList<>();

        EndOfDay(VisitStore store, String workerId, VisitRequests.CheckOut request) {
            this.store = store;
            this.workerId = workerId;
            this.request = request;
        }

        @Override
        public String tenantId() {
            return request.tenantId();
        }

        @Override
        public String kind() {
            return "end-of-day-check-out";
        }

        @Override
        public Object canonicalRequest() {
            return List.of(workerId, request);
        }

        @Override
        public void precheck() throws SQLException {
            store.activeVisitsOf(request.tenantId(), workerId).forEach(v -> visits.add(v.visitId()));
        }

        @Override
        public List<Outgoing> events(UUID checkOutId, Instant receivedAt) {
            List<Outgoing> events = new ArrayList<>();
            for (UUID visitId : visits) {
                // One event per visit, each with an id derived from the command's, so a retry derives the same ones.
                UUID eventId = UUID.nameUUIDFromBytes((checkOutId + "/" + visitId).getBytes(StandardCharsets.UTF_8));
                VisitCheckedOut event = new VisitCheckedOut(eventId, visitId, request.tenantId(), workerId, true, receivedAt);
                events.add(new Outgoing(Topic.VISITS, workerId, CloudEvent.of(eventId, SOURCE, receivedAt, event)));
            }
            return events;
        }

        @Override
        public void applied(Connection connection, UUID checkOutId, Instant receivedAt) throws SQLException {
            for (UUID visitId : visits) {
                VisitStore.checkOut(connection, visitId);
            }
        }
    }

    private static VisitStore.Visit activeVisit(VisitStore store, String tenantId, UUID visitId) throws SQLException {
        VisitStore.Visit visit = store.find(tenantId, visitId)
                .orElseThrow(() -> ProblemException.notFound("visit " + visitId));
        if (visit.status() == VisitStore.Status.CHECKED_OUT) {
            throw new ProblemException(Problem.of("visit-checked-out", "Visit already checked out", 409,
                    "visit " + visitId + " was already checked out", List.of()));
        }
        return visit;
    }
}
