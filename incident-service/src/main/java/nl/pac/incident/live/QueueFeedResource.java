package nl.pac.incident.live;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The operators' live feed: a Server-Sent Event for every change to the tenant's incidents, with the
 * tenant's feed position as its id (a new stream first gets the id it starts after, without data);
 * {@code event: reload} where the subscriber must re-read the queue;
 * a {@code : keep-alive} comment every heartbeat interval (format: incident-service/README.md).
 */
@Path("/api/v1/queue/feed")
@RolesAllowed({Roles.OPERATOR, Roles.MANAGER})
public class QueueFeedResource {

    static final String RELOAD = "reload";
    static final String HEARTBEAT = " keep-alive";
    static final String STARTED = " connected";

    private final QueueFeed feed;
    private final CurrentCaller current;

    public QueueFeedResource(QueueFeed feed, CurrentCaller current) {
        this.feed = feed;
        this.current = current;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: every change to the tenant's incidents, with an id to resume from",
            description = "Each event's data: {tenantId, incidentId, alarmId | visitId, workerId, alarmType, status, owner, change, "
                    + "recordedAt}; its id is the tenant's feed position. On reconnect send Last-Event-ID (EventSource does): "
                    + "the changes since are replayed, or 'event: reload' says to re-read GET /api/v1/queue (too old, too many, "
                    + "unknown id, or the subscriber did not read while its buffer filled). ': keep-alive' comments when idle.")
    public Multi<OutboundSseEvent> feed(@Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
                                        @Parameter(description = "The id of the last event received; sent by EventSource on reconnect")
                                        @HeaderParam("Last-Event-ID") String lastEventId,
                                        @Context Sse sse) {
        return Multi.createFrom().publisher(feed.subscribe(current.readTenant(tenant), lastEventId)).map(item -> event(sse, item));
    }

    private static OutboundSseEvent event(Sse sse, FeedItem item) {
        if (item instanceof QueueChange change) {
            return sse.newEventBuilder().id(Long.toString(change.position())).data(QueueChange.class, change).build();
        }
        if (item instanceof FeedItem.Start start) {
            return sse.newEventBuilder().comment(STARTED).id(Long.toString(start.position())).build();
        }
        if (item instanceof QueueReload reload) {
            return sse.newEventBuilder().name(RELOAD).id(Long.toString(reload.position())).data(QueueReload.class, reload).build();
        }
        return sse.newEventBuilder().comment(HEARTBEAT).build();
    }
}
