package nl.pac.ingest.alarm;

import nl.pac.contracts.AlarmType;
import nl.pac.problem.FieldError;
import nl.pac.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The alarm body rules, without booting anything. */
class AlarmRequestParserTest {

    private static final Instant NOW = Instant.parse("2026-11-22T14:00:00Z");
    private final AlarmRequestParser parser = new AlarmRequestParser(65_536, Duration.ofMinutes(2));

    @Test
    void aCompleteAlarmIsParsed() {
        AlarmRequest request = parser.parse(bytes("""
                {"tenantId":"gemeente-utrecht","deviceId":"dev-1","workerId":"w-1","alarmType":"CODE_WORD",
                 "occurredAt":"2026-11-22T15:59:00+02:00","location":{"latitude":52.09,"longitude":5.12,"accuracyMeters":9}}
                """), NOW);
        assertThat(request.alarmType()).isEqualTo(AlarmType.CODE_WORD);
        assertThat(request.occurredAt()).isEqualTo(Instant.parse("2026-11-22T13:59:00Z"));
        assertThat(request.location().latitude()).isEqualTo(52.09);
    }

    @Test
    void everyFieldAtFaultIsNamedAtOnce() {
        ProblemException e = refused("""
                {"tenantId":12,"deviceId":"","alarmType":"FIRE","occurredAt":"yesterday",
                 "location":{"latitude":200,"longitude":"east"},"colour":"red"}
                """);
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "colour", "tenantId", "deviceId", "alarmType", "occurredAt",
                "location.latitude", "location.longitude");
    }

    @Test
    void theDeviceTypesADeviceSendsAreTakenButWhatOnlyPacsSupervisionRaisesIsRefused() {
        for (String type : new String[] {"FALL", "NO_MOTION", "DURESS", "LOW_BATTERY"}) {
            assertThat(parser.parse(bytes("""
                    {"tenantId":"gemeente-utrecht","deviceId":"dev-1","alarmType":"%s","occurredAt":"2026-11-22T10:15:30Z"}"""
                    .formatted(type)), NOW).alarmType().name()).isEqualTo(type);
        }
        ProblemException e = refused("""
                {"tenantId":"gemeente-utrecht","deviceId":"dev-1","alarmType":"DEVICE_OFFLINE","occurredAt":"2026-11-22T10:15:30Z"}""");
        assertThat(e.problem().errors()).extracting(nl.pac.problem.FieldError::field).containsExactly("alarmType");
    }

    @Test
    void anAlarmFromTheFutureIsRefusedButSmallClockSkewIsNot() {
        assertThat(refused(alarmAt("2026-11-22T14:05:00Z")).problem().errors())
                .extracting(FieldError::field).containsExactly("occurredAt");
        assertThat(parser.parse(bytes(alarmAt("2026-11-22T14:01:30Z")), NOW).occurredAt())
                .isEqualTo(Instant.parse("2026-11-22T14:01:30Z"));
    }

    @Test
    void malformedJsonSaysWhere() {
        ProblemException e = refused("{\"tenantId\": \"t\",,}");
        assertThat(e.problem().errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("body");
            assertThat(err.reason()).contains("malformed JSON at line 1");
        });
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String padding = "x".repeat(70_000);
        ProblemException e = refused("{\"deviceId\":\"" + padding + "\"}");
        assertThat(e.problem().status()).isEqualTo(413);
        assertThat(e.problem().errors()).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void anArrayOrEmptyBodyIsNotAnAlarm() {
        assertThat(refused("[]").problem().errors()).extracting(FieldError::reason).containsExactly("must be a JSON object");
        assertThat(catchThrowableOfType(ProblemException.class, () -> parser.parse(new byte[0], NOW)).problem().errors())
                .extracting(FieldError::field).containsExactly("body");
    }

    private ProblemException refused(String json) {
        return catchThrowableOfType(ProblemException.class, () -> parser.parse(bytes(json), NOW));
    }

    private static String alarmAt(String occurredAt) {
        return """
                {"tenantId":"t","deviceId":"d","workerId":"w","alarmType":"PANIC","occurredAt":"%s"}
                """.formatted(occurredAt);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
