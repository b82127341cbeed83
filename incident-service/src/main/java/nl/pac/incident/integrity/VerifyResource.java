package nl.pac.incident.integrity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Auditors (and operators, managers) check that an incident's timeline is the one that was written. */
@Path("/api/v1/incidents/{id}/verify")
@RolesAllowed({Roles.AUDITOR, Roles.OPERATOR, Roles.MANAGER})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class VerifyResource {

    /** The verdict, with the incident it is about. */
    /** @param checkpoint the tenant checkpoint that last recorded this incident's head, checked too; null if none yet */
    public record Verification(String incidentId, int entries, boolean intact, HashChain.Broken firstBroken, String headHash,
                               Integer checkpoint) {
    }

    /**
     * The incident's chain recomputed and held against the head the tenant's latest checkpoint
     * recorded: the one verdict verify and export give.
     */
    static Verification verification(Connection c, String tenantId, UUID incidentId) throws SQLException {
        List<ChainEntry> entries = HashChainStore.entries(c, tenantId, incidentId)
                .orElseThrow(() -> ProblemException.notFound("incident " + incidentId));
        HashChain.Verdict verdict = HashChain.verify(entries);
        Optional<HashChainStore.CheckpointedHead> checkpointed = HashChainStore.latestHead(c, tenantId, incidentId);
        if (verdict.intact() && checkpointed.isPresent()) {
            // The chain alone cannot show its last entries were cut off; the tenant's checkpoint can.
            HashChainStore.CheckpointedHead head = checkpointed.get();
            String cut = CheckpointChain.checkAgainst(entries, head.head(), head.checkpointSeq());
            if (cut != null) {
                return new Verification(incidentId.toString(), verdict.entries(), false,
                        new HashChain.Broken(0, head.head().seq(), null, cut), null, head.checkpointSeq());
            }
        }
        return new Verification(incidentId.toString(), verdict.entries(), verdict.intact(), verdict.firstBroken(), verdict.headHash(),
                checkpointed.map(HashChainStore.CheckpointedHead::checkpointSeq).orElse(null));
    }

    private final DataSource dataSource;
    private final CurrentCaller current;

    public VerifyResource(DataSource dataSource, CurrentCaller current) {
        this.dataSource = dataSource;
        this.current = current;
    }

    @GET
    @Operation(summary = "Recompute the incident's hash chain and name the first entry that breaks it",
            description = """
                    intact=true with the head hash, or intact=false and firstBroken {entryId, seq, eventId, reason}. The \
                    chain is also held against the head the tenant's latest checkpoint recorded (checkpoint), so entries \
                    cut off its end are found too. 404 for an unknown incident or another tenant's.""")
    public Verification verify(@PathParam("id") String id,
                               @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID incidentId = RequestParams.uuid("id", id);
        try (Connection c = dataSource.getConnection()) {
            return verification(c, tenantId, incidentId);
        }
    }
}
