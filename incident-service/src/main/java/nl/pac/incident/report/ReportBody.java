package nl.pac.incident.report;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /api/v1/incidents/{id}/report} as the OpenAPI document describes it, so a
 * client generator gets a real model; {@link IncidentReportParser} reads it strictly and names the fields
 * it accepts ({@link IncidentReportParser#FIELDS}, {@link IncidentReportParser#FOLLOW_UP_FIELDS}).
 */
@Schema(name = "IncidentReportRequest", description = "The registration of a resolved incident; every answer is required (seed 003)")
public record ReportBody(
        @Schema(required = true, uniqueItems = true, description = "Kinds of aggression; empty for none") List<Aggression> aggression,
        @Schema(required = true, description = "true for an incident resolved as INJURED") Boolean injured,
        @Schema(maxLength = IncidentReportParser.MAX_INJURY_DESCRIPTION, description = "Required when injured is true, refused when false")
        String injuryDescription,
        @Schema(required = true) Boolean policeReportFiled,
        @Schema(required = true) Sanction sanction,
        @Schema(required = true, minLength = 1, maxLength = IncidentReportParser.MAX_DESCRIPTION, description = "Line breaks allowed")
        String description,
        @Schema(maxItems = IncidentReportParser.MAX_FOLLOW_UPS, description = "Follow-ups for the manager, each done once")
        List<FollowUp> aftercare) {

    @Schema(name = "AftercareFollowUpRequest", description = "One follow-up a manager owes the worker")
    public record FollowUp(
            @Schema(required = true, minLength = 1, maxLength = 500) String task,
            @Schema(required = true, implementation = String.class, format = "date", description = "yyyy-MM-dd, not before the tenant's today") LocalDate dueOn,
            @Schema(required = true, maxLength = 128, pattern = "^[A-Za-z0-9][A-Za-z0-9._:-]*$", examples = "manager-1") String assignee) {
    }
}
