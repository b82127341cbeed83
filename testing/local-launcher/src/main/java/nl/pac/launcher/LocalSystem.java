package nl.pac.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import nl.pac.testsupport.PacInfrastructure;

/**
 * Runs the whole PAC system on one machine: embedded Kafka and PostgreSQL, the four services from
 * their packaged jars, and prints where to send an alarm. Ctrl-C stops every process it started.
 * Started by {@code deploy/run-local.sh}.
 */
public final class LocalSystem {

    public static final String DEMO_TENANT = "demo-gemeente";

    private LocalSystem() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path projectRoot = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean simulate = java.util.Arrays.asList(args).contains("--simulate");
        Path logDir = projectRoot.resolve("target/local-run");
        Instant begin = Instant.now();

        System.out.println("PAC: starting embedded Kafka and PostgreSQL...");
        PacInfrastructure infra = PacInfrastructure.get();
        System.out.println("PAC: Kafka at " + infra.bootstrapServers() + ", PostgreSQL at " + infra.jdbcUrl());
        System.out.println("PAC: starting the four services (logs in " + logDir + ")...");
        PacServices services = PacServices.start(projectRoot, infra, logDir, false);
        CountDownLatch stopped = new CountDownLatch(1);
        Path tokensFile = logDir.resolve("tokens.env");
        var credentials = DemoCredentials.create(services.baseUrl(PacServices.Service.ALARM_INGEST), DEMO_TENANT, logDir);
        DemoDirectory.subscribe(services.baseUrl(PacServices.Service.DISPATCH), DEMO_TENANT, infra);
        DemoDirectory.awaitKnownToEscalation(services.baseUrl(PacServices.Service.ESCALATION), DEMO_TENANT, Duration.ofSeconds(60));
        DeviceSimulator simulator = new DeviceSimulator(services.baseUrl(PacServices.Service.ALARM_INGEST), DEMO_TENANT,
                credentials.get("PAC_VENDOR_KEY"));
        StandInInbox inbox = StandInInbox.startPreferring(infra.httpStandIn(), infra.smtpStandIn(), StandInInbox.DEFAULT_PORT);
        infra.beforeStop(() -> {
            System.out.println("PAC: stopping services, then Kafka and PostgreSQL...");
            inbox.close();
            simulator.close();
            services.close();
            stopped.countDown();
        });

        Duration startup = Duration.between(begin, Instant.now());
        System.out.printf("""

                PAC is running (started in %.1f s). Demo tenant: %s
                  alarm-ingest        %s   (Swagger UI: /q/swagger-ui)
                  dispatch-service    %s
                  escalation-service  %s
                  incident-service    %s

                Dev credentials (tokens for each role, the demo vendor's API key):
                  source %s
                Raise a panic alarm as the demo vendor's device:
                  curl -i -X POST %s/api/v1/alarms -H 'Content-Type: application/json' \\
                    -H "X-API-Key: $PAC_VENDOR_KEY" -H "Idempotency-Key: demo-$(date +%%s%%N)" \\
                    -d '{"tenantId":"%s","deviceId":"dev-1","workerId":"worker-1","alarmType":"PANIC","occurredAt":"'$(date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ)'","location":{"latitude":52.0907,"longitude":5.1214,"accuracyMeters":12}}'
                See the open incidents as the operator:
                  curl -s -H "Authorization: Bearer $PAC_OPERATOR_TOKEN" '%s/api/v1/incidents?status=open'
                Demo team %s: a panic reaches the operator queue and backup-1 (webhook) at once, then
                manager-1 (SMS) and manager-2 (e-mail); texts, calls, pushes and webhooks go to the local
                stand-in at %s, e-mail to the stand-in SMTP server on port %d. Who was asked and who answered:
                  curl -s -H "Authorization: Bearer $PAC_OPERATOR_TOKEN" %s/api/v1/alarms/<alarmId>/notifications
                What PAC sent, as each person received it, newest first, with the signed answer links
                (open one in a browser to answer; testing/local-launcher/README.md walks through it):
                  inbox  %s/inbox        JSON: %s/inbox.json

                Ctrl-C stops everything.
                %n""",
                startup.toMillis() / 1000.0, DEMO_TENANT,
                services.baseUrl(PacServices.Service.ALARM_INGEST), services.baseUrl(PacServices.Service.DISPATCH),
                services.baseUrl(PacServices.Service.ESCALATION), services.baseUrl(PacServices.Service.INCIDENT),
                tokensFile, services.baseUrl(PacServices.Service.ALARM_INGEST), DEMO_TENANT,
                services.baseUrl(PacServices.Service.INCIDENT), DemoDirectory.TEAM, infra.httpStandIn().baseUrl(),
                infra.smtpStandIn().port(), services.baseUrl(PacServices.Service.DISPATCH), inbox.baseUrl(), inbox.baseUrl());
        if (inbox.port() != StandInInbox.DEFAULT_PORT) {
            System.out.println("PAC: port " + StandInInbox.DEFAULT_PORT + " was taken; the inbox is at " + inbox.baseUrl() + "/inbox");
        }
        if (simulate) {
            System.out.println("PAC: device simulator raises an alarm for " + DEMO_TENANT + " every 10 s.");
            simulator.start(Duration.ofSeconds(10));
        }
        stopped.await();
    }
}
