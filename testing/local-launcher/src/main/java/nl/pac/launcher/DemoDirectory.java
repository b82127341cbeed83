package nl.pac.launcher;

import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;


/**
 * The demo tenant's directory for the local run, subscribed through dispatch-service's own API: one
 * team whose workers carry the simulator's devices, a backup reached by webhook and two managers
 * reached by text and e-mail, all delivered to the local stand-ins.
 */
final class DemoDirectory {

    static final String TEAM = "wijkteam-noord";

    private DemoDirectory() {
    }

    static void subscribe(String dispatchBaseUrl, String tenant, PacInfrastructure infra) {
        String admin = DevTokens.user("tenant-admin", tenant);
        JsonHttp.send("PUT", dispatchBaseUrl + "/api/v1/tenant-settings", admin, """
                {"name":"Demo gemeente","timeZone":"Europe/Amsterdam","police":{"name":"Politie Midden-Nederland","phone":"+31900880088"}}""",
                DemoDirectory::succeeded);
        StringBuilder workers = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            workers.append("""
                    {"personId":"worker-%1$d","displayName":"Demo worker %1$d","role":"WORKER","devices":["sim-worker-%1$d"%2$s],
                     "contacts":[{"kind":"PHONE","value":"+3161000000%1$d"}]},""".formatted(i, i == 1 ? ",\"dev-1\"" : ""));
        }
        JsonHttp.send("PUT", dispatchBaseUrl + "/api/v1/teams/" + TEAM, admin, """
                {"name":"Wijkteam Noord","members":[%s
                  {"personId":"backup-1","displayName":"Demo backup","role":"BACKUP",
                   "contacts":[{"kind":"WEBHOOK","value":"%s/hooks/demo-backup"}]},
                  {"personId":"manager-1","displayName":"Demo manager","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31610000010"}]},
                  {"personId":"manager-2","displayName":"Demo deputy","role":"MANAGER","contacts":[{"kind":"EMAIL","value":"deputy@demo.example"}]}],
                 "managers":["manager-1","manager-2"],"backups":["backup-1"]}""".formatted(workers, infra.httpStandIn().baseUrl()),
                DemoDirectory::succeeded);
    }

    /**
     * Waits until escalation-service knows the demo team: it learns teams from pac.directory, and until it
     * has read the team's event its policy API answers 404, which the README's policy walk would meet.
     */
    static void awaitKnownToEscalation(String escalationBaseUrl, String tenant, java.time.Duration timeout) {
        String admin = DevTokens.user("tenant-admin", tenant);
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (true) {
            try {
                JsonHttp.send("GET", escalationBaseUrl + "/api/v1/teams/" + TEAM + "/escalation-policy", admin, "", status -> status == 200);
                return;
            } catch (IllegalStateException notYet) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("escalation-service did not learn team " + TEAM + " within " + timeout, notYet);
                }
            }
            try {
                Thread.sleep(100); // polling the service's view of the directory, not standing in for synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean succeeded(int status) {
        return status < 300;
    }
}
