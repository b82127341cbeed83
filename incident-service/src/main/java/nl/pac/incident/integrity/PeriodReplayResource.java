package nl.pac.incident.integrity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import io.vertx.ext.web.RoutingContext;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Auditors replay every timeline entry of their tenant in a period, in time order, as NDJSON with hashes. */
@Path("/api/v1/timeline/replay")
@RolesAllowed(Roles.AUDITOR)
@Produces({NdjsonReplay.NDJSON, Problem.MEDIA_TYPE})
public class PeriodReplayResource {

    /** At most a quarter per request: longer periods are asked in parts, and the stream stays bounded. */
    static final Duration MAX_PERIOD = Duration.ofDays(92);

    private final DataSource replayPool;
    private final CurrentCaller current;
    private final ReplaySlots slots;

    public PeriodReplayResource(@io.quarkus.agroal.DataSource(ReplayPool.NAME) DataSource replayPool, CurrentCaller current,
                                ReplaySlots slots) {
        this.replayPool = replayPool;
        this.current = current;
        this.slots = slots;
    }

    @GET
    @Operation(summary = "Every timeline entry of the tenant that occurred in [from, to), in time order, as NDJSON",
            description = "from before to, at most 92 days apart; each line names its incident, seq and hashes. 429 with "
                    + "Retry-After while the caller or the instance has the most replays streaming (pac.incident.replay.*).")
    public Response replay(@QueryParam("from") String from, @QueryParam("to") String to,
                           @Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant,
                           @Context RoutingContext exchange) {
        String tenantId = current.readTenant(tenant);
        Instant start = RequestParams.instant("from", RequestParams.required("from", from));
        Instant end = RequestParams.instant("to", RequestParams.required("to", to));
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", "must lie before to");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw ProblemException.invalid("to", "at most 92 days after from; ask longer periods in parts");
        }
        return NdjsonReplay.stream(replayPool, slots.take(current.caller().key()), exchange, "SELECT " + NdjsonReplay.COLUMNS + """
                 FROM timeline_entry e JOIN incident i ON i.incident_id = e.incident_id
                WHERE i.tenant_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? ORDER BY e.occurred_at, e.entry_id""", statement -> {
            statement.setString(1, tenantId);
            statement.setTimestamp(2, Timestamp.from(start));
            statement.setTimestamp(3, Timestamp.from(end));
        });
    }
}
