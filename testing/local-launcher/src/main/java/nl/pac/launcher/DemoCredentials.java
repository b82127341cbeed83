package nl.pac.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.pac.testsupport.DevTokens;

/**
 * Credentials for the local demo: dev tokens for each role of the demo tenant, and a device
 * vendor registered through ingest's own API (as an operator would) with a fresh API key, and its
 * devices registered (as the tenant's administrator would): {@code dev-1} of the README's curls and
 * the simulator's {@code sim-worker-1..5}, each bound to its worker. Written as shell exports so
 * the README's curl examples can use them.
 */
final class DemoCredentials {

    static final String VENDOR = "demo-devices";
    /** device id -> the worker it is bound to: a vendor key raises alarms only for registered devices. */
    static final Map<String, String> DEVICES = devices();

    private static final IntPredicate CREATED = status -> status == 201;

    private DemoCredentials() {
    }

    /** Registers the demo vendor, writes {@code tokens.env} into {@code dir}; answers the exports written. */
    static Map<String, String> create(String ingestBaseUrl, String tenant, Path dir) {
        String operator = DevTokens.operator(tenant);
        Map<String, String> exports = new LinkedHashMap<>();
        exports.put("PAC_OPERATOR_TOKEN", operator);
        exports.put("PAC_WORKER_TOKEN", DevTokens.worker(tenant, "worker-1"));
        // manager-1 of the demo team: answers the notifications sent to them.
        exports.put("PAC_MANAGER_TOKEN", DevTokens.person("manager", tenant, "manager-1"));
        exports.put("PAC_ADMIN_TOKEN", DevTokens.user("tenant-admin", tenant));
        exports.put("PAC_AUDITOR_TOKEN", DevTokens.user("auditor", tenant));
        JsonHttp.send("POST", ingestBaseUrl + "/api/v1/vendors", operator,
                "{\"vendorId\":\"" + VENDOR + "\",\"name\":\"Demo Devices B.V.\",\"tenants\":[\"" + tenant + "\"]}", CREATED);
        String issued = JsonHttp.send("POST", ingestBaseUrl + "/api/v1/vendors/" + VENDOR + "/keys", operator, "", CREATED);
        Matcher key = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"").matcher(issued);
        if (!key.find()) {
            throw new IllegalStateException("ingest issued no vendor key: " + issued);
        }
        exports.put("PAC_VENDOR_KEY", key.group(1));
        String admin = exports.get("PAC_ADMIN_TOKEN");
        DEVICES.forEach((device, worker) -> JsonHttp.send("POST", ingestBaseUrl + "/api/v1/devices", admin,
                "{\"tenantId\":\"%s\",\"vendorId\":\"%s\",\"deviceId\":\"%s\",\"workerId\":\"%s\"}"
                        .formatted(tenant, VENDOR, device, worker), CREATED, "demo-device-" + device));
        StringBuilder env = new StringBuilder("# Dev credentials for the local run only (tokens valid 8 h). source this file.\n");
        exports.forEach((name, value) -> env.append("export ").append(name).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("tokens.env"), env);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + dir.resolve("tokens.env"), e);
        }
        return exports;
    }

    private static Map<String, String> devices() {
        Map<String, String> devices = new LinkedHashMap<>();
        devices.put("dev-1", "worker-1");
        for (String worker : DeviceSimulator.WORKERS) {
            devices.put("sim-" + worker, worker);
        }
        return java.util.Collections.unmodifiableMap(devices);
    }
}
