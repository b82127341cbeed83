package nl.pac.ingest.vendor;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A vendor API key presented in the {@code X-API-Key} header, not yet checked. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String presented;

    public ApiKeyAuthenticationRequest(String presented) {
        this.presented = presented;
    }

    public String presented() {
        return presented;
    }
}
