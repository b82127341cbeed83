package nl.pac.ingest.alarm;

import nl.pac.testsupport.DevTokens;

import java.time.Instant;
import java.util.UUID;

/** Alarm bodies as a device would send them. */
final class Alarms {

    static final String TENANT = "gemeente-test";
    /** An operator granted the test tenant: may raise alarms for any of its workers. */
    static final String OPERATOR_TOKEN = DevTokens.operator(TENANT);

    private Alarms() {
    }

    static String panic(String workerId) {
        return """
                {"tenantId":"gemeente-test","deviceId":"dev-%1$s","workerId":"%1$s","alarmType":"PANIC",
                 "occurredAt":"%2$s","location":{"latitude":52.0907,"longitude":5.1214,"accuracyMeters":12}}
                """.formatted(workerId, Instant.now().minusSeconds(1));
    }

    static String uniqueWorker() {
        return "w-" + UUID.randomUUID();
    }
}
