package kr.anshim.backend.metrics;

import kr.anshim.api.WorkloadReport.QueuePoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many incidents were open over {@code [from, to)}, step by step: at each step's start and at
 * its peak. The step grows with the period (a minute for a few hours, a day for a year) so a chart
 * has at most {@value #MAX_POINTS} points; steps of a day or less start on Seoul's clock (KST). A
 * sweep over the openings and closings counts every instant, so a burst between two samples is
 * still seen (sampling only whole hours showed 0 while hundreds were open between them).
 */
final class QueueLength {

    static final int MAX_POINTS = 1_000;
    private static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));
    private static final Duration KST = Duration.ofHours(9);

    /** +1 when an incident opens, -1 when it closes; closings sort first at the same instant. */
    private record Change(Instant at, int delta) {
    }

    private final Instant from;
    private final Instant to;
    private final Duration step;
    private final List<Change> changes = new ArrayList<>();

    QueueLength(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        this.step = stepFor(Duration.between(from, to));
    }

    /** The smallest step that keeps the period within {@link #MAX_POINTS} points. */
    static Duration stepFor(Duration period) {
        for (Duration step : STEPS) {
            if (period.toNanos() / step.toNanos() < MAX_POINTS) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    Duration step() {
        return step;
    }

    /** Open over {@code [since, until)}; {@code until} null means still open. */
    void open(Instant since, Instant until) {
        Instant start = since.isBefore(from) ? from : since;
        Instant end = until == null || until.isAfter(to) ? to : until;
        if (start.isBefore(end)) {
            changes.add(new Change(start, 1));
            changes.add(new Change(end, -1));
        }
    }

    List<QueuePoint> points() {
        changes.sort(Comparator.comparing(Change::at).thenComparingInt(Change::delta));
        List<QueuePoint> points = new ArrayList<>();
        int next = 0;
        long open = 0;
        for (Instant start = firstStepStart(); start.isBefore(to); start = start.plus(step)) {
            Instant at = start.isBefore(from) ? from : start;
            Instant end = start.plus(step).isAfter(to) ? to : start.plus(step);
            while (next < changes.size() && !changes.get(next).at().isAfter(at)) {
                open += changes.get(next++).delta();
            }
            long atStart = open;
            long peak = open;
            while (next < changes.size() && changes.get(next).at().isBefore(end)) {
                open += changes.get(next++).delta();
                peak = Math.max(peak, open);
            }
            points.add(new QueuePoint(at, atStart, peak));
        }
        return points;
    }

    /** The step boundary at or before {@code from}, on Seoul's clock. */
    private Instant firstStepStart() {
        long nanos = Duration.between(Instant.EPOCH, from).plus(KST).toNanos();
        long aligned = Math.floorDiv(nanos, step.toNanos()) * step.toNanos();
        return Instant.EPOCH.plus(Duration.ofNanos(aligned)).minus(KST);
    }
}
