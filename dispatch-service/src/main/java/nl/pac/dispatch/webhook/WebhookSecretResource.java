package nl.pac.dispatch.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The tenant-admin's webhook signing secret (issue 14): rotate it, see its versions. The secret itself is
 * in the rotation's answer only, once; no GET shows it.
 */
@Path("/api/v1/webhook-secret")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class WebhookSecretResource {

    /** A version without its secret. */
    public record VersionView(int version, Instant createdAt, String createdBy, Instant validUntil, boolean current) {
        static VersionView of(WebhookSecrets.Version v) {
            return new VersionView(v.version(), v.createdAt(), v.createdBy(), v.validUntil(), v.current());
        }
    }

    public record SecretView(String tenantId, List<VersionView> versions) {
    }

    /** The one answer that holds a secret. */
    public record RotationView(String tenantId, int version, String secret, Instant createdAt, List<VersionView> stillSigning) {
    }

    private final WebhookSecrets secrets;
    private final CurrentCaller current;

    public WebhookSecretResource(WebhookSecrets secrets, CurrentCaller current) {
        this.secrets = secrets;
        this.current = current;
    }

    @POST
    @Path("/rotations")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @RateLimited
    @Operation(summary = "Rotate the tenant's webhook signing secret",
            description = """
                    Makes a new secret (32 random bytes, whsec_<base64url>) and answers it, this once: store it in your \
                    receiver. The secret it replaces still signs for pac.dispatch.webhook.rotation-overlap (P7D): until then \
                    every call carries both signatures (PAC-Signature: t=…,v1=<new>,v1=<old>). The first rotation of a tenant \
                    makes its first secret (or replaces the one made at its first call, which nobody was shown). No body. \
                    Idempotency-Key (optional): the same caller repeating a key gets 409 and nothing changes.""")
    @APIResponse(responseCode = "201", description = "Rotated; the secret is in this answer only",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RotationView.class)))
    @APIResponse(responseCode = "409", description = "This caller already rotated with this Idempotency-Key")
    public Response rotate(@Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant,
                           @HeaderParam("Idempotency-Key") String idempotencyKey) throws SQLException {
        String tenantId = current.readTenant(tenant);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200
                || !idempotencyKey.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f))) {
            throw ProblemException.invalid("Idempotency-Key", "1 to 200 visible ASCII characters");
        }
        WebhookSecrets.Rotated rotated = secrets.rotate(tenantId, current.caller().name(), idempotencyKey);
        return Response.status(201).type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .entity(new RotationView(rotated.tenantId(), rotated.version(), rotated.secret(), rotated.createdAt(),
                        rotated.stillSigning().stream().map(VersionView::of).toList()))
                .build();
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The versions of the tenant's webhook signing secret, never the secret",
            description = "Newest first: when each was made and by whom, and until when a replaced one still signs. "
                    + "404 while the tenant has none (one is made at its first webhook call, or by a rotation).")
    public SecretView get(@Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        List<WebhookSecrets.Version> versions = secrets.versions(tenantId);
        if (versions.isEmpty()) {
            throw ProblemException.notFound("a webhook secret of tenant " + tenantId);
        }
        return new SecretView(tenantId, versions.stream().map(VersionView::of).toList());
    }
}
