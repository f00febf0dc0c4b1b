package kr.anshim.backend.metrics;

import java.time.Duration;
import java.util.Arrays;

/**
 * The values of one measure in one group, kept exactly (as nanoseconds in a growing primitive
 * array) so percentiles are exact, not estimated.
 * <p>
 * Percentiles use the <b>nearest-rank</b> method: of {@code n} values sorted ascending, the p-th
 * percentile is the value at 1-based rank {@code ceil(p / 100 * n)}. It is always a value that was
 * observed (never interpolated), the 100th percentile is the maximum, and, for example, the p90 of
 * ten values is the ninth smallest and the p50 of four values the second smallest.
 */
final class Samples {

    private long[] nanos = new long[16];
    private int size;
    private boolean sorted = true;

    void add(Duration value) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        long v = value.toNanos();
        sorted = sorted && (size == 0 || nanos[size - 1] <= v);
        nanos[size++] = v;
    }

    int count() {
        return size;
    }

    /** The nearest-rank percentile, {@code 0 < percent <= 100}; null when there are no values. */
    Duration percentile(int percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        if (size == 0) {
            return null;
        }
        sort();
        return Duration.ofNanos(nanos[nearestRank(percent, size) - 1]);
    }

    /** Share of the values at or under {@code target}, null when there are no values. */
    Double shareWithin(Duration target) {
        if (size == 0) {
            return null;
        }
        long limit = target.toNanos();
        long within = 0;
        for (int i = 0; i < size; i++) {
            if (nanos[i] <= limit) {
                within++;
            }
        }
        return (double) within / size;
    }

    /** {@code ceil(percent * n / 100)} in exact integer arithmetic, at least 1. */
    static int nearestRank(int percent, int n) {
        long rank = ((long) percent * n + 99) / 100;
        return (int) Math.max(1, rank);
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(nanos, 0, size);
            sorted = true;
        }
    }
}
