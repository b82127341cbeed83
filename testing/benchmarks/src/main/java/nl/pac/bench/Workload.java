package nl.pac.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * The timer workload both contenders run: {@code visits} visits whose expected ends are spread evenly
 * over {@code spread}, starting {@code lead} after the start (time to register them all), each
 * followed by a chain of {@link #STEPS} timers {@code step} apart: overdue at the expected end, then
 * contact worker, notify manager and police (the policy durations, accelerated).
 */
record Workload(int visits, Duration lead, Duration spread, Duration step) {

    static final int STEPS = 4;

    Instant expectedEnd(Instant start, int visit) {
        return start.plus(lead).plusNanos(spread.toNanos() / visits * visit);
    }

    Instant due(Instant expectedEnd, int step) {
        return expectedEnd.plus(this.step.multipliedBy(step));
    }

    Instant lastDue(Instant start) {
        return due(expectedEnd(start, visits - 1), STEPS - 1);
    }

    int timers() {
        return visits * STEPS;
    }

    static Workload fromArgs(String[] args) {
        int visits = 100_000;
        Duration lead = Duration.ofSeconds(120);
        Duration spread = Duration.ofMinutes(3);
        Duration step = Duration.ofSeconds(20);
        for (int i = 0; i + 1 < args.length; i++) {
            if (!args[i].startsWith("--")) {
                continue; // the project root, or an option's value already read
            }
            switch (args[i]) {
                case "--visits" -> visits = Integer.parseInt(args[i + 1]);
                case "--lead" -> lead = Duration.parse(args[i + 1]);
                case "--spread" -> spread = Duration.parse(args[i + 1]);
                case "--step" -> step = Duration.parse(args[i + 1]);
                default -> { /* options of the runner, e.g. --only */ }
            }
        }
        return new Workload(visits, lead, spread, step);
    }
}
