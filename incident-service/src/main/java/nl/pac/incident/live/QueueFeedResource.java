package nl.pac.incident.live;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The operators' live feed: a Server-Sent Event for every change to the tenant's incidents. */
@Path("/api/v1/queue/feed")
@RolesAllowed({Roles.OPERATOR, Roles.MANAGER})
public class QueueFeedResource {

    private final QueueFeed feed;
    private final CurrentCaller current;

    public QueueFeedResource(QueueFeed feed, CurrentCaller current) {
        this.feed = feed;
        this.current = current;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: {tenantId, incidentId, notifiedAt} whenever an incident of the tenant changes",
            description = "Opened, a new timeline entry, resolved. A dashboard re-reads the incident (or the list) on each event; "
                    + "after a reconnect it re-reads the list, changes in between are not replayed.")
    public Multi<QueueChange> feed(@Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant) {
        return feed.changes(current.readTenant(tenant));
    }
}
