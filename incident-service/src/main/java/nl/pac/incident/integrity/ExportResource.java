package nl.pac.incident.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** An auditor exports one incident whole, with its chain verdict: JSON for tools, CSV for a spreadsheet. */
@Path("/api/v1/incidents/{id}/export")
@RolesAllowed(Roles.AUDITOR)
@Produces({MediaType.APPLICATION_JSON, "text/csv", Problem.MEDIA_TYPE})
public class ExportResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CSV_COLUMNS = List.of("seq", "occurredAt", "recordedAt", "type", "eventId", "summary", "prevHash",
            "entryHash");

    private final DataSource replayPool;
    private final CurrentCaller current;
    private final ReplaySlots slots;

    public ExportResource(@io.quarkus.agroal.DataSource(ReplayPool.NAME) DataSource replayPool, CurrentCaller current, ReplaySlots slots) {
        this.replayPool = replayPool;
        this.current = current;
        this.slots = slots;
    }

    @GET
    @Operation(summary = "One incident's entries with hashes and the chain verdict, as JSON or CSV",
            description = "format=json (default) or csv; 400 naming format otherwise; 404 for another tenant's incident. The JSON "
                    + "verification is the one GET …/verify gives (chain and latest tenant checkpoint). 429 with Retry-After while the "
                    + "caller or the instance has the most replays or exports running (pac.incident.replay.*).")
    public Response export(@PathParam("id") String id, @QueryParam("format") String format,
                           @Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID incidentId = RequestParams.uuid("id", id);
        String as = format == null ? "json" : format;
        if (!as.equals("json") && !as.equals("csv")) {
            throw ProblemException.invalid("format", "json or csv");
        }
        try (ReplaySlots.Slot slot = slots.take(current.caller().key()); Connection c = replayPool.getConnection()) {
            VerifyResource.Verification verdict = VerifyResource.verification(c, tenantId, incidentId);
            ArrayNode entries = entries(c, incidentId);
            String disposition = "attachment; filename=\"incident-" + incidentId + "." + as + "\"";
            if (as.equals("csv")) {
                return Response.ok(csv(entries), "text/csv; charset=UTF-8").header("Content-Disposition", disposition).build();
            }
            ObjectNode body = JSON.createObjectNode().put("incidentId", incidentId.toString()).put("tenantId", tenantId);
            body.set("verification", JSON.valueToTree(verdict));
            body.set("entries", entries);
            return Response.ok(body.toString(), MediaType.APPLICATION_JSON).header("Content-Disposition", disposition).build();
        }
    }

    private static ArrayNode entries(Connection c, UUID incidentId) throws SQLException {
        ArrayNode entries = JSON.createArrayNode();
        try (PreparedStatement select = c.prepareStatement(NdjsonReplay.INCIDENT_ENTRIES)) {
            select.setObject(1, incidentId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(NdjsonReplay.entry(rs));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a stored timeline entry's details are not JSON", e);
        }
        return entries;
    }

    /**
     * RFC 4180: every field quoted, quotes doubled; details stay in the JSON export. A field that a
     * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with ' : notes are free text.
     */
    static String csv(ArrayNode entries) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (JsonNode entry : entries) {
            for (int i = 0; i < CSV_COLUMNS.size(); i++) {
                JsonNode value = entry.get(CSV_COLUMNS.get(i));
                String text = value == null || value.isNull() ? "" : value.asText();
                if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
                    text = "'" + text;
                }
                csv.append(i == 0 ? "" : ",").append('"').append(text.replace("\"", "\"\"")).append('"');
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }
}
