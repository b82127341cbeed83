package nl.pac.bench;

import nl.pac.testsupport.PacInfrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable-timer benchmark of the escalation issue: 100,000 visits with expected ends spread over
 * a few minutes and a chain accelerated to seconds, through escalation-service and through db-scheduler
 * on the same embedded PostgreSQL and Kafka. Each contender runs in its own JVM with the same flags and
 * is observed the same way; {@code --order} says which runs, in which order, so a run can alternate
 * which goes first (the machine warms up, PostgreSQL's caches fill): e.g.
 * {@code --order db-scheduler,pac,pac,db-scheduler}. {@code db-scheduler@PT0.1S} polls every 100 ms
 * instead of db-scheduler's default 1 s.
 *
 * <p>Run: {@code testing/benchmarks/run-timer-benchmark.sh [--visits N] [--lead PT120S] [--spread PT3M]
 * [--step PT20S] [--order pac,db-scheduler]}.
 */
public final class TimerBenchmark {

    private TimerBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the embedded broker's threads would otherwise keep the JVM alive
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : ".").toAbsolutePath().normalize();
        Workload workload = Workload.fromArgs(args);
        List<String> order = List.of((List.of(args).contains("--order") ? args[List.of(args).indexOf("--order") + 1]
                : "pac,db-scheduler").split(","));
        PacInfrastructure infra = PacInfrastructure.get();
        System.out.printf("Timer benchmark: %d visits, expected ends over %s starting %s from now, steps %s apart; "
                        + "%d timers per contender; runs in this order: %s; no warm-up run (each contender's JVM is fresh)%n",
                workload.visits(), workload.spread(), workload.lead(), workload.step(), workload.timers(), order);
        List<String> summary = new ArrayList<>();
        for (String contender : order) {
            System.out.println("machine before " + contender + ": " + MachineLoad.now());
            RunResult result;
            if (contender.equals("pac")) {
                result = PacTimerRun.run(infra, root, workload);
            } else if (contender.startsWith("db-scheduler")) {
                Duration polling = contender.contains("@") ? Duration.parse(contender.substring(contender.indexOf('@') + 1))
                        : Duration.ofSeconds(1);
                result = DbSchedulerRun.run(infra, workload, polling);
            } else {
                throw new IllegalArgumentException("unknown contender " + contender + " (pac, db-scheduler, db-scheduler@PT0.1S)");
            }
            result.print();
            summary.add(String.format("%d. %s: overdue lag %s; every step %s; missing/doubled %d/%d", summary.size() + 1,
                    contender, result.overdueLag().summary(), result.allStepsLag().summary(), result.missing(), result.duplicates()));
        }
        System.out.println("machine after: " + MachineLoad.now());
        System.out.println();
        System.out.println("Side by side, in the order run:");
        summary.forEach(System.out::println);
    }
}
