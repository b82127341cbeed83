package nl.pac.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * Which step of which visit has fired, how late, and how often: lag is the time from the step's due
 * time to its record's timestamp on Kafka (set by the producer when it sent the record).
 */
final class StepTracker {

    private final Workload workload;
    private final Instant start;
    private final byte[] fired;
    private final Latencies overdueLag = new Latencies();
    private final Latencies allLag = new Latencies();
    private long distinct;
    private long duplicates;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    StepTracker(Workload workload, Instant start) {
        this.workload = workload;
        this.start = start;
        this.fired = new byte[workload.timers()];
    }

    synchronized void fired(int visit, int step, long recordTimestampMillis) {
        int slot = visit * Workload.STEPS + step;
        if (fired[slot]++ > 0) {
            duplicates++;
            return;
        }
        distinct++;
        long due = workload.due(workload.expectedEnd(start, visit), step).toEpochMilli();
        long lag = recordTimestampMillis - due;
        allLag.record(lag);
        if (step == 0) {
            overdueLag.record(lag);
        }
        first = Math.min(first, recordTimestampMillis);
        last = Math.max(last, recordTimestampMillis);
    }

    synchronized boolean complete() {
        return distinct == workload.timers();
    }

    synchronized RunResult result(String name, String setup, long pendingAtPeak, String heapAfter) {
        Duration window = distinct < 2 ? Duration.ZERO : Duration.ofMillis(last - first);
        return new RunResult(name, setup, pendingAtPeak, overdueLag, allLag, distinct, window,
                workload.timers() - distinct, duplicates, heapAfter);
    }
}
