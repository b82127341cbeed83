package nl.pac.dispatch.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A row of the tenant's team list: which team, its version, and how many members it has in each role. No names of
 * members and no contact details: those are the team's own GET.
 */
@Schema(description = "A team of the tenant, without its members' names or contact details")
public record TeamSummary(
        String teamId,
        String name,
        @Schema(description = "The team's version, as its GET shows it") int version,
        Instant updatedAt,
        @Schema(description = "Members in all roles") int memberCount,
        int workerCount,
        int managerCount,
        int backupCount) {

    /** One page of a tenant's teams in team id order; {@code next} is the {@code after} of the next page, null on the last. */
    @Schema(name = "TeamPage")
    public record Page(List<TeamSummary> teams,
                       @Schema(nullable = true, description = "Pass as after= for the next page; null on the last page") String next) {
    }
}
