package nl.pac.bench;

import java.time.Duration;

/** What one contender did with the workload. */
record RunResult(String name, String setup, long pendingAtPeak, Latencies overdueLag, Latencies allStepsLag,
                 long transitions, Duration firingWindow, long missing, long duplicates, String heapAfter) {

    double transitionsPerSecond() {
        return firingWindow.isZero() ? 0 : transitions * 1000.0 / firingWindow.toMillis();
    }

    void print() {
        System.out.printf("""
                == %s
                   setup:                      %s
                   timers pending at peak:     %d
                   OverdueDetected lag (due -> record on Kafka): %s
                   every step's lag:           %s
                   transitions:                %d in %.1f s of firing = %.0f /s
                   steps missing / doubled:    %d / %d
                   heap after the run:         %s
                """, name, setup, pendingAtPeak, overdueLag.summary(), allStepsLag.summary(), transitions,
                firingWindow.toMillis() / 1000.0, transitionsPerSecond(), missing, duplicates, heapAfter);
    }
}
