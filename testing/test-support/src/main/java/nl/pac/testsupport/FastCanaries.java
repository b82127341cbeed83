package nl.pac.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The test profile of the pipeline-canary tests: canaries on (every {@code %test} profile has them
 * off), one every half second, stuck after 3 s, so a stuck part shows within seconds.
 */
public class FastCanaries implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pac.canary.enabled", "true", "pac.canary.interval", "PT0.5S", "pac.canary.stuck-after", "PT3S");
    }
}
