package nl.pac.dispatch.tenant;

import nl.pac.problem.FieldError;
import nl.pac.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TenantSettingsParserTest {

    private static TenantSettings parse(String json) {
        return TenantSettingsParser.parse("t", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void statedTimeoutsReplaceTheDefaultsAndTheRestStay() {
        TenantSettings s = parse("""
                {"name":"Gemeente Gent","timeZone":"Europe/Brussels","police":{"name":"Politiezone Gent","phone":"+3292661111"},
                 "ackTimeouts":{"NOTIFY_MANAGER":"PT3M"},"resends":2}""");

        assertThat(s.timeZone()).isEqualTo(ZoneId.of("Europe/Brussels"));
        assertThat(s.timeout(TenantSettings.Trigger.NOTIFY_MANAGER)).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.timeout(TenantSettings.Trigger.ALARM)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.resends()).isEqualTo(2);
    }

    @Test
    void everyFaultIsNamed() {
        ProblemException e = catchThrowableOfType(() -> parse("""
                {"name":"","timeZone":"CET+1","police":{"name":"Politie","phone":"0900-8844"},
                 "ackTimeouts":{"ALARM":"PT0S","NEVER":"PT1M"},"resends":9}"""), ProblemException.class);

        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().errors()).extracting(FieldError::field)
                .contains("name", "timeZone", "police.phone", "ackTimeouts.ALARM", "ackTimeouts.NEVER", "resends");
    }

    @Test
    void aGetAnswerIsABodyAndItsReadOnlyFieldsChangeNothing() {
        TenantSettings s = parse("""
                {"tenantId":"t","name":"Gent","timeZone":"Europe/Brussels","police":null,
                 "ackTimeouts":{"ALARM":"PT10S","CONTACT_WORKER":"PT2M","NOTIFY_MANAGER":"PT5M","OPERATOR_DECISION":"PT2M","POLICE":"PT2M"},
                 "resends":1,"version":4,"updatedAt":"2026-01-01T00:00:00Z","updatedBy":"admin"}""");

        assertThat(s.tenantId()).isEqualTo("t");
        assertThat(s.police()).isNull();
        assertThat(s.timeout(TenantSettings.Trigger.ALARM)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aFractionOfASecondAndAnotherTenantAreRefused() {
        ProblemException e = catchThrowableOfType(() -> parse("""
                {"tenantId":"other","name":"Gent","timeZone":"Europe/Brussels","ackTimeouts":{"ALARM":"PT1.5S"}}"""),
                ProblemException.class);

        assertThat(e.problem().errors()).extracting(FieldError::field).containsExactly("tenantId", "ackTimeouts.ALARM");
    }
}
