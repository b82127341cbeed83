package nl.pac.ingest.dc09;

import nl.pac.problem.JsonBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

/** The DC-09 line and account a transmitter sends as, upper-case hex. */
@Schema(name = "Dc09Account", description = "The SIA DC-09 line prefix and account the device's transmitter sends as")
public record Dc09AccountRequest(
        @Schema(required = true, pattern = "^[0-9A-Fa-f]{1,6}$", examples = "1", description = "Line prefix, 1-6 hex digits") String line,
        @Schema(required = true, pattern = "^[0-9A-Fa-f]{3,16}$", examples = "1234", description = "Account, 3-16 hex digits") String account) {

    public static final Set<String> FIELDS = Set.of("line", "account");

    static Dc09AccountRequest parse(byte[] body) {
        JsonBody json = JsonBody.read(body, 4096, FIELDS);
        String line = json.text("line", 6, true);
        String account = json.text("account", 16, true);
        if (line != null && !line.matches("[0-9A-Fa-f]{1,6}")) {
            json.fault("line", "must be 1 to 6 hex digits");
        }
        if (account != null && !account.matches("[0-9A-Fa-f]{3,16}")) {
            json.fault("account", "must be 3 to 16 hex digits");
        }
        json.throwIfInvalid();
        return new Dc09AccountRequest(Dc09Accounts.normal(line), Dc09Accounts.normal(account));
    }
}
