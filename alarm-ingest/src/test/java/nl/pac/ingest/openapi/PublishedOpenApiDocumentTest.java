package nl.pac.ingest.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document that device vendors generate their clients from is published in the
 * repository (docs/openapi/alarm-ingest.openapi.json), and the build generates a Java client from
 * that very file ({@link GeneratedClientTest}). This test keeps the published file equal to what the
 * running service serves, so neither the vendors' copy nor the client proven against the service can
 * drift from the API. When the API changes on purpose, the test writes the served document to
 * target/openapi/ and says which file to copy it over.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class PublishedOpenApiDocumentTest {

    static final Path PUBLISHED = Path.of("..", "docs", "openapi", "alarm-ingest.openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void thePublishedDocumentIsTheOneTheServiceServes() throws Exception {
        JsonNode served = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asByteArray());
        Path written = Path.of("target", "openapi", "alarm-ingest.openapi.json");
        Files.createDirectories(written.getParent());
        Files.writeString(written, JSON.writeValueAsString(served) + "\n");

        assertThat(PUBLISHED).as("the published document").exists();
        JsonNode published = JSON.readTree(Files.readAllBytes(PUBLISHED));
        assertThat(published)
                .as("docs/openapi/alarm-ingest.openapi.json differs from what the service serves; if the API changed on purpose, "
                        + "copy alarm-ingest/" + written + " over it (and regenerate nothing else: the build generates the client from it)")
                .isEqualTo(served);
    }
}
