package nl.pac.dispatch.ack;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.dispatch.dispatch.Answerable;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.JsonBody;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * The signed link in a notification: the link is the credential, so no login is asked. Looking at
 * it (GET, as link previews and virus scanners do) changes nothing; answering (POST) spends it. A
 * forged or altered link is 403, an expired one 410, a used one 409.
 */
@Path("/ack/{token}")
@PermitAll
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class AckLinkResource {

    /** What the link's page shows: what it is about and which answers it takes. */
    public record LinkView(String notificationId, String responderId, String responderKind, Set<AckResponse> answers,
                           AckResponse answered, Instant expiresAt) {
    }

    private final DataSource dataSource;
    private final AckLinkIssuer links;
    private final InstantSource clock;

    public AckLinkResource(DataSource dataSource, AckLinkIssuer links, InstantSource clock) {
        this.dataSource = dataSource;
        this.links = links;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "What a signed acknowledgement link answers; changes nothing")
    public LinkView show(@PathParam("token") String token) throws SQLException {
        AckLinks.Link link = verified(token);
        return JdbcTransactions.inTransaction(dataSource, c -> {
            Answerable n = DispatchStore.lockForAnswer(c, link.notificationId())
                    .orElseThrow(() -> ProblemException.notFound("notification"));
            return new LinkView(n.notificationId().toString(), n.responderId(), n.responderKind().name(), n.allowed(), n.response(),
                    link.expiresAt());
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the notification with a signed link; the link is spent",
            description = "Body {response}. 403 forged or altered, 410 expired, 409 used before or answered already.")
    public ResponderAcknowledged answer(@PathParam("token") String token, byte[] body) throws SQLException {
        AckLinks.Link link = verified(token);
        JsonBody json = JsonBody.read(body, 1024, Set.of("response"));
        AckResponse response = json.enumValue("response", AckResponse.class, true);
        json.throwIfInvalid();
        Instant now = clock.instant();
        return JdbcTransactions.inTransaction(dataSource, c -> {
            spend(c, link, now);
            Answerable n = DispatchStore.lockForAnswer(c, link.notificationId())
                    .orElseThrow(() -> ProblemException.notFound("notification"));
            return Acknowledgements.answer(c, n, response, AckChannel.LINK, n.responderId(), now);
        });
    }

    private AckLinks.Link verified(String token) {
        try {
            return links.verify(token, clock.instant());
        } catch (AckLinks.Refused e) {
            throw switch (e.reason()) {
                case EXPIRED -> new ProblemException(Problem.of("ack-link-expired", "The link has expired", 410,
                        "ask the PAC operators, or answer in the app", List.of()));
                case MALFORMED_OR_FORGED -> new ProblemException(Problem.of("ack-link-invalid", "Not a valid link", 403,
                        "the link was altered or not issued by PAC", List.of()));
            };
        }
    }

    /** A link answers once: its id is spent in the answer's transaction, so a refused answer leaves it usable. */
    private static void spend(Connection c, AckLinks.Link link, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO ack_link_use (link_id, used_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setObject(1, link.linkId());
            insert.setTimestamp(2, Timestamp.from(now));
            if (insert.executeUpdate() == 0) {
                throw new ProblemException(Problem.of("ack-link-used", "The link was used already", 409,
                        "each link answers once; ask the PAC operators, or answer in the app", List.of()));
            }
        }
    }
}
