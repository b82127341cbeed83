package nl.pac.ingest.openapi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nl.pac.client.ingest.ApiClient;
import nl.pac.client.ingest.ApiException;
import nl.pac.client.ingest.api.AlarmResourceApi;
import nl.pac.client.ingest.model.AlarmAccepted;
import nl.pac.client.ingest.model.AlarmType;
import nl.pac.client.ingest.model.Location;
import nl.pac.client.ingest.model.RaiseAlarm;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A device vendor's path, proven: the Java client that openapi-generator makes from the published
 * document (generated into the test sources by the build, see the pom) raises an alarm with the
 * vendor's key against the running service, and reads a refusal as the problem it is. A schema that
 * names a field the strict parser refuses, misses a required one or gets a format wrong makes the
 * generated client's alarm a 400 here, not at the vendor's.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class GeneratedClientTest {

    private static final String TENANT = "gemeente-generated-client";
    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @TestHTTPResource("/")
    URL service;

    @Test
    void aVendorsGeneratedClientRaisesAPanicForTheDevicesWorkerAndReadsARefusal() throws Exception {
        String vendor = "vendor-" + UUID.randomUUID();
        String device = "imei:35-" + UUID.randomUUID();
        String worker = "worker-" + UUID.randomUUID().toString().substring(0, 8);
        String operator = DevTokens.operator(TENANT);
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"%s\",\"name\":\"Generated\",\"tenants\":[\"%s\"]}".formatted(vendor, TENANT))
                .post("/api/v1/vendors").then().statusCode(201);
        given().auth().oauth2(DevTokens.user("tenant-admin", TENANT)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"tenantId\":\"%s\",\"vendorId\":\"%s\",\"deviceId\":\"%s\",\"workerId\":\"%s\"}".formatted(TENANT, vendor, device, worker))
                .post("/api/v1/devices").then().statusCode(201);
        String vendorKey = given().auth().oauth2(operator).post("/api/v1/vendors/" + vendor + "/keys")
                .then().statusCode(201).extract().path("apiKey");

        AlarmResourceApi alarms = new AlarmResourceApi(clientWithHeader("X-API-Key", vendorKey));
        RaiseAlarm panic = new RaiseAlarm().tenantId(TENANT).deviceId(device).alarmType(AlarmType.PANIC)
                .occurredAt(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(2))
                .location(new Location().latitude(52.0907).longitude(5.1214).accuracyMeters(12.0));
        String idempotencyKey = UUID.randomUUID().toString();
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            AlarmAccepted accepted = alarms.apiV1AlarmsPost(idempotencyKey, panic);
            assertThat(accepted.getAlarmId()).isNotNull();
            assertThat(accepted.getReceivedAt()).isNotNull();

            List<ConsumerRecord<String, byte[]>> records = probe.readUntil(r -> worker.equals(r.key()), Duration.ofSeconds(30));
            CloudEvent event = CloudEvent.fromRecord(records.get(records.size() - 1));
            assertThat(event.id()).isEqualTo(accepted.getAlarmId());
            AlarmRaised raised = (AlarmRaised) event.body();
            assertThat(raised.workerId()).as("the device's bound worker").isEqualTo(worker);
            assertThat(raised.alarmType()).isEqualTo(nl.pac.contracts.AlarmType.PANIC);
            assertThat(raised.location().accuracyMeters()).isEqualTo(12.0);
        }
        // The client's retry after a timeout is the same alarm.
        assertThat(alarms.apiV1AlarmsPost(idempotencyKey, panic).getAlarmId()).isNotNull()
                .isEqualTo(alarms.apiV1AlarmsPost(idempotencyKey, panic).getAlarmId());

        ApiException refused = catchThrowableOfType(ApiException.class, () -> alarms.apiV1AlarmsPost(UUID.randomUUID().toString(),
                new RaiseAlarm().tenantId(TENANT).deviceId(device).alarmType(AlarmType.PANIC)
                        .occurredAt(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1))));
        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(refused.getResponseBody()).contains("\"field\":\"occurredAt\"");
    }

    private ApiClient clientWithHeader(String name, String value) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(service.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header(name, value));
        return client;
    }
}
