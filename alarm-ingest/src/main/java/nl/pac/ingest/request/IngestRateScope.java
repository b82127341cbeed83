package nl.pac.ingest.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.pac.contracts.AlarmType;
import nl.pac.security.ratelimit.RateLimitedRequest;

/**
 * What ingest's rate limit reads from an alarm or visit body: the tenant it is for (a vendor's
 * allowance is per tenant) and whether it is a danger alarm (PANIC, CODE_WORD, MAN_DOWN), which is
 * never refused for rate. Only these two fields are looked at; the body is validated by the
 * endpoint as always, so a body this cannot read is simply limited by its caller.
 */
public final class IngestRateScope implements RateLimitedRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Facts of(Object[] parameters) {
        for (Object parameter : parameters) {
            if (parameter instanceof byte[] body) {
                return read(body);
            }
        }
        return Facts.UNKNOWN;
    }

    private static Facts read(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return Facts.UNKNOWN; // the endpoint answers it with its own 400
        }
        if (json == null || !json.isObject()) {
            return Facts.UNKNOWN;
        }
        JsonNode tenant = json.get("tenantId");
        String tenantId = tenant != null && tenant.isTextual() && tenant.textValue().length() <= 64 ? tenant.textValue() : null;
        return new Facts(tenantId, danger(json.get("alarmType")), "danger-alarm");
    }

    /** Whether an alarm body's {@code alarmType} signals danger (PANIC, CODE_WORD, MAN_DOWN); false for anything unreadable. */
    public static boolean danger(JsonNode alarmType) {
        if (alarmType == null || !alarmType.isTextual()) {
            return false;
        }
        try {
            return AlarmType.valueOf(alarmType.textValue()).signalsDanger();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
