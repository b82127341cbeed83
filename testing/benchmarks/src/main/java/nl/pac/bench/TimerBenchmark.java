package nl.pac.bench;

import nl.pac.testsupport.PacInfrastructure;

import java.nio.file.Path;
import java.util.List;

/**
 * The durable-timer benchmark of the escalation issue: 100,000 visits with expected ends spread over
 * a few minutes and a chain accelerated to seconds, through escalation-service and then through
 * db-scheduler on the same embedded PostgreSQL and Kafka, one after the other, printed side by side.
 *
 * <p>Run: {@code testing/benchmarks/run-timer-benchmark.sh [--visits N] [--lead PT120S] [--spread PT3M]
 * [--step PT20S] [--only pac|db-scheduler]}.
 */
public final class TimerBenchmark {

    private TimerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : ".").toAbsolutePath().normalize();
        Workload workload = Workload.fromArgs(args);
        String only = List.of(args).contains("--only") ? args[List.of(args).indexOf("--only") + 1] : "both";
        PacInfrastructure infra = PacInfrastructure.get();
        System.out.printf("Timer benchmark: %d visits, expected ends over %s starting %s from now, steps %s apart; "
                        + "%d timers per contender; %d cores%n", workload.visits(), workload.spread(), workload.lead(),
                workload.step(), workload.timers(), Runtime.getRuntime().availableProcessors());
        RunResult pac = null;
        RunResult dbScheduler = null;
        if (!only.equals("db-scheduler")) {
            pac = PacTimerRun.run(infra, root, workload);
            pac.print();
        }
        if (!only.equals("pac")) {
            dbScheduler = DbSchedulerRun.run(infra, workload);
            dbScheduler.print();
        }
        if (pac != null && dbScheduler != null) {
            System.out.printf("%nSide by side, OverdueDetected lag: PAC %s | db-scheduler %s%n",
                    pac.overdueLag().summary(), dbScheduler.overdueLag().summary());
        }
        System.exit(0); // the embedded broker's threads would otherwise keep the JVM alive
    }
}
