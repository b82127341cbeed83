package nl.pac.incident.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void locationAndFreeTextGoAtAnyDepthAndIdsStay() throws Exception {
        JsonNode details = JSON.readTree("""
                {"alarmId":"a-1","location":{"latitude":52.1,"longitude":4.3},"note":"client drunk","action":"NOTE_ADDED",
                 "aftercare":[{"aftercareId":"f-1","task":"call Mrs Jansen","dueOn":"2026-12-01"}]}""");
        Redaction.Result result = Redaction.redact("OperatorActionTaken", "operator-1 added a note (client drunk)", details);

        assertThat(result.changed()).isTrue();
        assertThat(result.summary()).isEqualTo("Redacted after the retention period: OperatorActionTaken");
        assertThat(result.details()).isEqualTo(JSON.readTree("""
                {"alarmId":"a-1","action":"NOTE_ADDED","aftercare":[{"aftercareId":"f-1","dueOn":"2026-12-01"}]}"""));
        assertThat(details.has("note")).as("the original is not touched").isTrue();
    }

    @Test
    void anEntryWithoutLocationOrFreeTextKeepsItsSummary() throws Exception {
        JsonNode details = JSON.readTree("{\"visitId\":\"v-1\",\"step\":\"NOTIFY_MANAGER\",\"reason\":\"worker unreachable\"}");
        Redaction.Result result = Redaction.redact("EscalationStepStarted", "Notify the manager: worker unreachable", details);

        assertThat(result.changed()).isFalse();
        assertThat(result.summary()).isEqualTo("Notify the manager: worker unreachable");
        assertThat(result.details()).isEqualTo(details);
    }
}
