package nl.pac.escalation;

import nl.pac.contracts.Topic;
import nl.pac.contracts.TeamDirectoryChanged;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Teams as dispatch-service announces them on pac.directory, for tests that need a team the tenant's directory knows. */
public final class TestTeams {

    public static final String DIRECTORY_GROUP = "escalation-service-directory";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestTeams() {
    }

    /** The team's state at {@code version}, with these managers, as dispatch-service publishes it. */
    public static TeamDirectoryChanged team(String tenant, String team, int version, String... managers) {
        List<TeamDirectoryChanged.Member> members = new java.util.ArrayList<>();
        members.add(new TeamDirectoryChanged.Member("w-" + team, "Sam", TeamDirectoryChanged.Role.WORKER));
        for (String manager : managers) {
            members.add(new TeamDirectoryChanged.Member(manager, "Mo " + manager, TeamDirectoryChanged.Role.MANAGER));
        }
        return new TeamDirectoryChanged(tenant, team, "Team " + team, version, members, List.of(managers), List.of(), List.of(),
                Instant.now());
    }

    public static RecordMetadata publish(UUID eventId, TeamDirectoryChanged team) {
        return PacInfrastructure.get().publisher().publishAt(Topic.DIRECTORY, eventId, "/pac/dispatch-service", team);
    }

    /** Publishes the team (version 1) and waits until this service knows it. */
    public static void known(String tenant, String team, String... managers) {
        publish(UUID.randomUUID(), team(tenant, team, 1, managers));
        awaitKnown(tenant, team);
    }

    /** Until the tenant's admin reads the team's policy (200) rather than 404: the directory event has been read. */
    public static void awaitKnown(String tenant, String team) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DevTokens.user("tenant-admin", tenant))
                .get("/api/v1/teams/" + team + "/escalation-policy").then().statusCode(200));
    }
}
