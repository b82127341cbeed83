package nl.pac.bench;

import java.util.Arrays;

/** Lags in milliseconds, recorded from one thread, summarised as percentiles. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int count;

    void record(long millis) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = millis;
    }

    int count() {
        return count;
    }

    String summary() {
        if (count == 0) {
            return "no samples";
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return String.format("p50 %d ms, p99 %d ms, max %d ms (n=%d)",
                at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1], count);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
