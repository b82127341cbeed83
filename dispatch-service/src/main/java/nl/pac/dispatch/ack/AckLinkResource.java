package nl.pac.dispatch.ack;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.dispatch.dispatch.Answerable;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
 *
 * <p>A person opening the link in a browser (one that asks for {@code text/html}) gets a page with a
 * button per answer the notification takes ({@link AckLinkPage}); the button posts the form
 * {@code response=<answer>}, read as strictly as the JSON body ({@link AnswerRequest}). An app or
 * {@code curl} gets and sends JSON. Refusals are problem+json either way.
 */
@Path("/ack/{token}")
@PermitAll
@Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
public class AckLinkResource {

    /** What the link's page shows: what it is about and which answers it takes. */
    public record LinkView(String notificationId, String responderId, String responderKind, Set<AckResponse> answers,
                           AckResponse answered, Instant expiresAt) {
    }

    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    private final DataSource dataSource;
    private final AckLinkIssuer links;
    private final InstantSource clock;

    public AckLinkResource(DataSource dataSource, AckLinkIssuer links, InstantSource clock) {
        this.dataSource = dataSource;
        this.links = links;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "What a signed acknowledgement link answers; changes nothing",
            description = "JSON (LinkView) unless the caller asks for text/html before JSON, as a browser does: then a page "
                    + "with a button per answer, each posting the form response=<answer> to this link. 403 forged or altered, "
                    + "410 expired.")
    @APIResponse(responseCode = "200", description = "What the link answers",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkView.class)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "403", description = "Forged or altered", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "410", description = "Expired", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response show(@PathParam("token") String token, @Context HttpHeaders headers) throws SQLException {
        AckLinks.Link link = verified(token);
        LinkView view = JdbcTransactions.inTransaction(dataSource, c -> {
            Answerable n = DispatchStore.lockForAnswer(c, link.notificationId())
                    .orElseThrow(() -> ProblemException.notFound("notification"));
            return new LinkView(n.notificationId().toString(), n.responderId(), n.responderKind().name(), n.allowed(), n.response(),
                    link.expiresAt());
        });
        if (AckLinkPage.wantsHtml(headers.getAcceptableMediaTypes())) {
            return AckLinkPage.html(AckLinkPage.question(view));
        }
        return Response.ok(view, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, FORM})
    @Operation(summary = "Answer the notification with a signed link; the link is spent",
            description = "Body {response} as JSON, or the form response=<answer> that the link's page posts (then the answer "
                    + "is a page too). 400 naming response for an answer this notification does not take; 403 forged or altered, "
                    + "410 expired, 409 used before or answered already.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerRequest.class)),
            @Content(mediaType = FORM, schema = @Schema(implementation = AnswerRequest.class))})
    @APIResponse(responseCode = "200", description = "Answered",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponderAcknowledged.class)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "Not an answer this notification takes", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Forged or altered", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Used before, or answered already", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "410", description = "Expired", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response answer(@PathParam("token") String token, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body)
            throws SQLException {
        AckLinks.Link link = verified(token);
        boolean form = isForm(contentType);
        AckResponse response = form ? AnswerRequest.fromForm(body) : AnswerRequest.fromJson(body);
        Instant now = clock.instant();
        ResponderAcknowledged answered = JdbcTransactions.inTransaction(dataSource, c -> {
            spend(c, link, now);
            Answerable n = DispatchStore.lockForAnswer(c, link.notificationId())
                    .orElseThrow(() -> ProblemException.notFound("notification"));
            return Acknowledgements.answer(c, n, response, AckChannel.LINK, n.responderId(), now);
        });
        return form ? AckLinkPage.html(AckLinkPage.answered(answered)) : Response.ok(answered, MediaType.APPLICATION_JSON).build();
    }

    private static boolean isForm(String contentType) {
        try {
            return contentType != null && MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        } catch (IllegalArgumentException malformed) {
            return false; // read as JSON, and refused as such
        }
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
