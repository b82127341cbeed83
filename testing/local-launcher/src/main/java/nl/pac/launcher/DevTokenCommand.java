package nl.pac.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.pac.testsupport.DevTokens;

/** {@code deploy/dev-token.sh}: mints one dev token for the local run, for the demo tenant unless told otherwise. */
public final class DevTokenCommand {

    private DevTokenCommand() {
    }

    /**
     * {@code DevTokenCommand <role> [--tenant t] [--tenants a,b] [--worker w] [--sub s] [--ttl PT8H]}: prints one token.
     */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: dev-token.sh <operator|tenant-admin|manager|worker|auditor> "
                    + "[--tenant t] [--tenants a,b] [--worker id] [--person id] [--sub subject] [--ttl PT8H]");
            System.exit(2);
        }
        String role = args[0];
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String tenant = options.getOrDefault("--tenant", LocalSystem.DEMO_TENANT);
        String worker = options.getOrDefault("--worker", "worker-1");
        String subject = "worker".equals(role) ? worker + "@" + tenant : role + "@" + tenant;
        DevTokens.Builder token = DevTokens.token(options.getOrDefault("--sub", subject)).roles(role)
                .expiresAt(Instant.now().plus(Duration.parse(options.getOrDefault("--ttl", "PT8H"))));
        if ("operator".equals(role)) {
            token.tenants(options.getOrDefault("--tenants", tenant).split(","));
        } else {
            token.tenant(tenant);
        }
        if ("worker".equals(role)) {
            token.worker(worker);
        }
        if (options.containsKey("--person")) {
            token.person(options.get("--person"));
        }
        System.out.println(token.sign());
    }
}
