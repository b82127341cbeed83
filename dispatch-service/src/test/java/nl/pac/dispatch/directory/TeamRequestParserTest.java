package nl.pac.dispatch.directory;

import nl.pac.dispatch.delivery.OutboundAddressPolicy;
import nl.pac.problem.FieldError;
import nl.pac.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TeamRequestParserTest {

    /** No allow-list, and no DNS in a unit test: names are judged as written. */
    private static final OutboundAddressPolicy WEBHOOKS = new OutboundAddressPolicy(List.of(), host -> {
        throw new java.net.UnknownHostException(host);
    });

    static final String VALID = """
            {"name":"Wijkteam Noord",
             "members":[
               {"personId":"anna","displayName":"Anna","role":"WORKER","devices":["dev-1"],
                "contacts":[{"kind":"PUSH","value":"fcm:abc"},{"kind":"PHONE","value":"+31612345678"}]},
               {"personId":"bram","displayName":"Bram","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31687654321"}]},
               {"personId":"carla","displayName":"Carla","role":"MANAGER","contacts":[{"kind":"EMAIL","value":"carla@gemeente.nl"}]},
               {"personId":"dirk","displayName":"Dirk","role":"BACKUP","contacts":[{"kind":"PHONE","value":"+3220000000"}]}],
             "managers":["carla","bram"],
             "backups":["dirk"]}
            """;

    @Test
    void aCompleteTeamKeepsTheOrderOfManagersAndContactPreferences() {
        Team team = TeamRequestParser.parse("gemeente-test", "noord", VALID.getBytes(StandardCharsets.UTF_8), WEBHOOKS);
        assertThat(team.managers()).containsExactly("carla", "bram");
        assertThat(team.members().get(0).contacts()).extracting(Team.ContactPoint::kind)
                .containsExactly(Team.ContactKind.PUSH, Team.ContactKind.PHONE);
        assertThat(team.members().get(0).devices()).containsExactly("dev-1");
    }

    @Test
    void everyFaultIsNamedAtItsPlace() {
        String bad = VALID.replace("+31612345678", "0612345678")
                .replace("\"personId\":\"carla\"", "\"personId\":\"anna\"")
                .replace("\"backups\":[\"dirk\"]", "\"backups\":[\"bram\"]")
                .replace("\"role\":\"BACKUP\"", "\"role\":\"BOSS\"");
        assertThat(faults(bad)).contains("members[0].contacts[1].value", "members[2].personId", "members[3].role", "backups[0]");
    }

    @Test
    void anEmptyTeamOrAManagerWhoIsNotAMemberIsRefused() {
        assertThat(faults("{\"name\":\"x\",\"members\":[],\"managers\":[\"bram\"]}")).contains("members");
        assertThat(faults(VALID.replace("\"managers\":[\"carla\",\"bram\"]", "\"managers\":[\"zoe\"]"))).containsExactly("managers[0]");
        assertThat(faults(VALID.replace("\"managers\":[\"carla\",\"bram\"]", "\"managers\":[\"anna\"]"))).containsExactly("managers[0]");
        assertThat(faults(VALID.replace("\"managers\":[\"carla\",\"bram\"],", ""))).containsExactly("managers");
    }

    @Test
    void aDeviceIsBoundOnceAndOnlyToAWorker() {
        assertThat(faults(VALID.replace("\"role\":\"MANAGER\",\"contacts\":[{\"kind\":\"PHONE\"",
                "\"role\":\"MANAGER\",\"devices\":[\"dev-1\"],\"contacts\":[{\"kind\":\"PHONE\"")))
                .contains("members[1].devices[0]", "members[1].devices");
    }

    @Test
    void rostersAndWebhooksAreCheckedWhereTheyStand() {
        String member = """
                {"name":"x","members":[{"personId":"bo","displayName":"Bo","role":"BACKUP",
                  "contacts":[{"kind":"WEBHOOK","value":"%s"}],"onDuty":[%s]},
                 {"personId":"mo","displayName":"Mo","role":"MANAGER"}],"managers":["mo"],"backups":["bo"]}""";
        assertThat(faults(member.formatted("http://alerts.example.org/pac", """
                {"days":["MONDAY","MOONDAY"],"from":"08:00","to":"8pm"},{"days":["FRIDAY"],"from":"22:00","to":"22:00"}""")))
                .containsExactlyInAnyOrder("members[0].contacts[0].value", "members[0].onDuty[0].days[1]",
                        "members[0].onDuty[0].to", "members[0].onDuty[1].to");

        Team team = TeamRequestParser.parse("gemeente-test", "noord", member.formatted("https://alerts.example.org/pac",
                "{\"days\":[\"FRIDAY\"],\"from\":\"22:00\",\"to\":\"06:00\"}").getBytes(StandardCharsets.UTF_8), WEBHOOKS);
        assertThat(team.members().get(0).onDuty()).singleElement().satisfies(p -> {
            assertThat(p.from()).hasToString("22:00");
            assertThat(p.to()).hasToString("06:00");
        });
    }

    private static List<String> faults(String body) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> TeamRequestParser.parse("gemeente-test", "noord", body.getBytes(StandardCharsets.UTF_8), WEBHOOKS));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.problem().status()).isEqualTo(400);
        return e.problem().errors().stream().map(FieldError::field).toList();
    }
}
