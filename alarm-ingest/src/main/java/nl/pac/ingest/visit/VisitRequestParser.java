package nl.pac.ingest.visit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.pac.contracts.Location;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.RiskQuestion;
import nl.pac.problem.JsonBody;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The visit API's bodies, refused naming every field at fault. */
public final class VisitRequestParser {

    /** The fields each body may have (their OpenAPI schemas name exactly these: IngestOpenApiContractTest). */
    public static final Set<String> START_FIELDS = Set.of("tenantId", "workerId", "teamId", "address", "clientReference",
            "plannedStart", "expectedEnd", "riskLevel", "riskAssessment", "unannounced", "withColleague", "deviceId");
    public static final Set<String> CHECK_IN_FIELDS = Set.of("tenantId", "newExpectedEnd", "location", "deviceId");
    public static final Set<String> CHECK_OUT_FIELDS = Set.of("tenantId", "deviceId");

    private final int maxBodyBytes;
    private final Duration maxAhead;

    public VisitRequestParser(int maxBodyBytes, Duration maxAhead) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxAhead = maxAhead;
    }

    public VisitRequests.StartVisit startVisit(byte[] body, Instant now) {
        JsonBody json = JsonBody.read(body, maxBodyBytes, START_FIELDS);
        String tenantId = json.id("tenantId", 64);
        // Optional here: a device may leave it out; IngestAuthorization requires it of everyone else.
        String workerId = json.id("workerId", 64, false);
        String teamId = json.id("teamId", 64, false);
        String address = json.text("address", 300, true);
        String clientReference = json.text("clientReference", 64, false);
        Instant plannedStart = json.instant("plannedStart", true);
        Instant expectedEnd = json.instant("expectedEnd", true);
        RiskLevel riskLevel = json.enumValue("riskLevel", RiskLevel.class, true);
        Map<RiskQuestion, Boolean> assessment = riskAssessment(json);
        boolean unannounced = json.bool("unannounced");
        boolean withColleague = json.bool("withColleague");
        if (plannedStart != null && expectedEnd != null && !expectedEnd.isAfter(plannedStart)) {
            json.fault("expectedEnd", "must be after plannedStart");
        } else if (expectedEnd != null && expectedEnd.isAfter(now.plus(maxAhead))) {
            json.fault("expectedEnd", "more than " + maxAhead.toHours() + " h ahead; register the visit on its day");
        } else if (expectedEnd != null && !expectedEnd.isAfter(now)) {
            json.fault("expectedEnd", "is already past; a visit is registered before it ends");
        }
        json.throwIfInvalid();
        return new VisitRequests.StartVisit(tenantId, workerId, teamId, address, clientReference, plannedStart, expectedEnd,
                riskLevel, assessment, unannounced, withColleague, deviceId(json));
    }

    public VisitRequests.CheckIn checkIn(byte[] body, Instant now) {
        JsonBody json = JsonBody.read(body, maxBodyBytes, CHECK_IN_FIELDS);
        String tenantId = json.id("tenantId", 64);
        Instant newExpectedEnd = json.instant("newExpectedEnd", false);
        if (newExpectedEnd != null && !newExpectedEnd.isAfter(now)) {
            json.fault("newExpectedEnd", "must be in the future");
        } else if (newExpectedEnd != null && newExpectedEnd.isAfter(now.plus(maxAhead))) {
            json.fault("newExpectedEnd", "more than " + maxAhead.toHours() + " h ahead");
        }
        Location location = json.location("location");
        String deviceId = deviceId(json);
        json.throwIfInvalid();
        return new VisitRequests.CheckIn(tenantId, newExpectedEnd, location, deviceId);
    }

    public VisitRequests.CheckOut checkOut(byte[] body) {
        JsonBody json = JsonBody.read(body, maxBodyBytes, CHECK_OUT_FIELDS);
        String tenantId = json.id("tenantId", 64);
        String deviceId = deviceId(json);
        json.throwIfInvalid();
        return new VisitRequests.CheckOut(tenantId, deviceId);
    }

    /** The device a request comes from, as alarms name it: required with a vendor key (IngestAuthorization). */
    private static String deviceId(JsonBody json) {
        return json.text("deviceId", 128, false);
    }

    private static Map<RiskQuestion, Boolean> riskAssessment(JsonBody json) {
        Map<RiskQuestion, Boolean> answers = new EnumMap<>(RiskQuestion.class);
        JsonNode node = json.object("riskAssessment");
        if (node == null) {
            return answers;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = "riskAssessment." + field.getKey();
            RiskQuestion question = Arrays.stream(RiskQuestion.values())
                    .filter(q -> q.name().equals(field.getKey())).findFirst().orElse(null);
            if (question == null) {
                json.fault(path, "unknown question; expected one of " + Arrays.toString(RiskQuestion.values()));
            } else if (!field.getValue().isBoolean()) {
                json.fault(path, "must be true or false");
            } else {
                answers.put(question, field.getValue().booleanValue());
            }
        }
        return answers;
    }
}
