package nl.pac.incident.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCsvTest {

    @Test
    void quotesAreDoubledAndFormulasDisarmed() {
        ObjectMapper json = new ObjectMapper();
        ArrayNode entries = json.createArrayNode();
        entries.addObject().put("seq", 1).put("type", "OperatorActionTaken").put("summary", "=HYPERLINK(\"http://x\")");
        entries.addObject().put("seq", 2).put("type", "AlarmRaised").put("summary", "said \"help\", then hung up");

        String[] rows = ExportResource.csv(entries).split("\r\n");

        assertThat(rows[1]).contains("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(rows[2]).contains("\"said \"\"help\"\", then hung up\"").startsWith("\"2\",\"\",\"\",\"AlarmRaised\"");
    }
}
