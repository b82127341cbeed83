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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The operators' live feed: a Server-Sent Event for every change to the tenant's incidents, with the
 * tenant's feed position as its id (a new stream first gets the id it starts after, without data);
 * {@code event: reload} where the subscriber must re-read the queue;
 * a {@code : keep-alive} comment every heartbeat interval; {@code event: reauthenticate} and the end
 * when the caller's token expires (format: incident-service/README.md). At most
 * {@code pac.queue-feed.max-per-caller} streams per caller ({@link FeedPlaces}).
 */
@Path("/api/v1/queue/feed")
@RolesAllowed({Roles.OPERATOR, Roles.MANAGER})
public class QueueFeedResource {

    static final String RELOAD = "reload";
    static final String HEARTBEAT = " keep-alive";
    static final String STARTED = " connected";

    static final String REAUTHENTICATE = "reauthenticate";
    /** A stream ends this close to its token's expiry at the latest (timers are not exact to the millisecond). */
    private static final Duration EXPIRY_TOLERANCE = Duration.ofMillis(500);

    private final QueueFeed feed;
    private final CurrentCaller current;
    private final FeedPlaces places;
    private final JsonWebToken token;

    public QueueFeedResource(QueueFeed feed, CurrentCaller current, FeedPlaces places, JsonWebToken token) {
        this.feed = feed;
        this.current = current;
        this.places = places;
        this.token = token;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: every change to the tenant's incidents, with an id to resume from",
            description = "Each event's data: {tenantId, incidentId, alarmId | visitId, workerId, alarmType, status, owner, change, "
                    + "recordedAt, relatedIncidents (the worker's linked incidents; a new link is a change, IncidentLinked)}; "
                    + "its id is the tenant's feed position. On reconnect send Last-Event-ID (EventSource does): "
                    + "the changes since are replayed, or 'event: reload' says to re-read GET /api/v1/queue (too old, too many, "
                    + "unknown id, or the subscriber did not read while its buffer filled). ': keep-alive' comments when idle. "
                    + "At the token's expiry 'event: reauthenticate' and the end: reconnect with a fresh token. 429 with "
                    + "Retry-After while the caller has pac.queue-feed.max-per-caller (4) feeds open.")
    public Multi<OutboundSseEvent> feed(@Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
                                        @Parameter(description = "The id of the last event received; sent by EventSource on reconnect")
                                        @HeaderParam("Last-Event-ID") String lastEventId,
                                        @Context Sse sse) {
        String tenantId = current.readTenant(tenant);
        Optional<Instant> expiresAt = expiry();
        FeedPlaces.Place place = places.take(current.caller().key());
        try {
            Multi<OutboundSseEvent> events = Multi.createFrom().publisher(feed.subscribe(tenantId, lastEventId)).map(item -> event(sse, item));
            if (expiresAt.isPresent()) {
                // Until the token's exp, then one event telling the console to re-authenticate, then the end.
                Instant at = expiresAt.get();
                Duration left = Duration.between(Instant.now(), at);
                events = Multi.createBy().concatenating().streams(
                        events.select().first(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left),
                        Multi.createFrom().deferred(() -> Instant.now().plus(EXPIRY_TOLERANCE).isBefore(at)
                                ? Multi.createFrom().<OutboundSseEvent>empty() // the feed ended before: the service stops
                                : Multi.createFrom().item(reauthenticate(sse, tenantId, at))));
            }
            return events.onTermination().invoke(place::close);
        } catch (RuntimeException e) {
            place.close();
            throw e;
        }
    }

    private static OutboundSseEvent reauthenticate(Sse sse, String tenantId, Instant expiredAt) {
        return sse.newEventBuilder().name(REAUTHENTICATE).mediaType(MediaType.APPLICATION_JSON_TYPE).data(QueueReauthenticate.class,
                new QueueReauthenticate(tenantId, QueueReauthenticate.Reason.TOKEN_EXPIRED, expiredAt)).build();
    }

    /** When the caller's token expires ({@code exp}); none for a token without one. */
    private Optional<Instant> expiry() {
        long exp = token.getExpirationTime();
        return exp > 0 ? Optional.of(Instant.ofEpochSecond(exp)) : Optional.empty();
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
