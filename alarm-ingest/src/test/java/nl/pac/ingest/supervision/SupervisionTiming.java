package nl.pac.ingest.supervision;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A one-second grace, so a device with the shortest interval (one minute) is offline 61 s after it was last heard. */
public class SupervisionTiming implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pac.ingest.supervision.grace", "PT1S", "pac.ingest.supervision.sweep-interval", "0.2s");
    }
}
