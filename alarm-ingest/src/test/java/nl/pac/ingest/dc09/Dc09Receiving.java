package nl.pac.ingest.dc09;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The receiver on, on a free port, with a line key and the centre's tenant, as a deployment would set it. */
public class Dc09Receiving implements QuarkusTestProfile {

    static final String LINE_KEY = "000102030405060708090A0B0C0D0E0F1011121314151617";
    static final String CENTRE = "pac-centre";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pac.ingest.dc09.enabled", "true", "pac.ingest.dc09.port", "0", "pac.ingest.dc09.host", "127.0.0.1",
                "pac.ingest.dc09.centre-tenant", CENTRE, "pac.ingest.dc09.line-keys.\"1\"", LINE_KEY);
    }
}
