package nl.pac.dispatch.directory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.TeamDirectoryChanged;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Other services learn teams from the compacted pac.directory; contact details never go there. Tenant settings validate. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class DirectoryPublishingTest {

    @Test
    void aSubscribedTeamIsPublishedWithoutContactDetails() {
        String tenant = "gemeente-pub-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe directory = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.DIRECTORY)) {
            given().auth().oauth2(DevTokens.user("tenant-admin", tenant)).contentType("application/json").body("""
                    {"name":"Noord","members":[
                      {"personId":"w-1","displayName":"Sam","role":"WORKER","devices":["dev-9"],
                       "contacts":[{"kind":"PHONE","value":"+31612345678"}]},
                      {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"EMAIL","value":"mo@noord.example"}]}],
                     "managers":["m-1"]}""").put("/api/v1/teams/noord").then().statusCode(201);

            List<ConsumerRecord<String, byte[]>> records = directory.readUntil(r -> (tenant + "/noord").equals(r.key()),
                    Duration.ofSeconds(30));
            String value = new String(records.get(records.size() - 1).value(), StandardCharsets.UTF_8);
            assertThat(value).contains("\"personId\":\"w-1\"", "\"deviceId\":\"dev-9\"", "\"managers\":[\"m-1\"]")
                    .doesNotContain("+31612345678", "mo@noord.example", "contacts");
            TeamDirectoryChanged event = (TeamDirectoryChanged) CloudEvent.fromRecord(records.get(records.size() - 1)).body();
            assertThat(event.version()).isEqualTo(1);
            assertThat(event.members()).extracting(TeamDirectoryChanged.Member::role)
                    .containsExactly(TeamDirectoryChanged.Role.WORKER, TeamDirectoryChanged.Role.MANAGER);
        }
    }

    @Test
    void badTenantSettingsAreRefusedNamingEachFieldAndChangeNothing() {
        String tenant = "gemeente-settings-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"name":"Gent","timeZone":"Europe/Brussels","police":{"name":"Politie Gent","phone":"+3292661111"}}""")
                .put("/api/v1/tenant-settings").then().statusCode(201).body("version", equalTo(1));

        given().auth().oauth2(admin).contentType("application/json").body("""
                {"name":"Gent","timeZone":"Mars/Olympus","police":{"name":"Politie","phone":"092661111"},
                 "ackTimeouts":{"ALARM":"PT2H"}}""")
                .put("/api/v1/tenant-settings").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("timeZone", "police.phone", "ackTimeouts.ALARM"));

        given().auth().oauth2(DevTokens.user("manager", tenant)).get("/api/v1/tenant-settings").then().statusCode(200)
                .body("version", equalTo(1)).body("timeZone", equalTo("Europe/Brussels"));
        given().auth().oauth2(DevTokens.user("manager", tenant)).contentType("application/json").body("{}")
                .put("/api/v1/tenant-settings").then().statusCode(403);
    }
}
