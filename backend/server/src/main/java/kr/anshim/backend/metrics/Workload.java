package kr.anshim.backend.metrics;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.WorkloadReport;
import kr.anshim.api.WorkloadReport.OperatorHour;
import kr.anshim.api.WorkloadReport.OperatorLoad;
import kr.anshim.api.WorkloadReport.QueuePoint;
import kr.anshim.backend.incident.Transition;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Operator workload and queue length over {@code [from, to)}, folded from incidents' audit trails.
 * <ul>
 *   <li>Every {@code STATUS} transition to {@code ACKNOWLEDGED} inside the period counts for its
 *   actor in its clock hour (Seoul is UTC+9, so UTC and Seoul hours share their boundaries).</li>
 *   <li>An incident is open from its opening (or a reopening: a transition to {@code NEW}) until
 *   its next transition to resolved, false alarm or cancelled. The queue at a whole hour {@code h}
 *   counts the incidents open at {@code h}: opened at or before it, not closed by then.</li>
 * </ul>
 * Queue points are counted with a difference array, so an incident open for months costs two
 * updates, not one per hour.
 */
final class Workload {

    private static final Duration HOUR = Duration.ofHours(1);

    private final Instant from;
    private final Instant to;
    private final Instant firstHour;
    private final int hours;
    private final long[] queueDelta;
    private final Map<String, Map<Instant, Long>> acknowledged = new HashMap<>();

    Workload(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        Instant truncated = from.truncatedTo(ChronoUnit.HOURS);
        this.firstHour = truncated.equals(from) ? from : truncated.plus(HOUR);
        this.hours = (int) Math.max(0, hoursUntil(to));
        this.queueDelta = new long[hours + 1];
    }

    void add(IncidentRecord incident) {
        Instant openSince = null;
        for (Transition t : incident.trail()) {
            if (!"STATUS".equals(t.kind())) {
                continue;
            }
            if ("NEW".equals(t.to()) && openSince == null) {
                openSince = t.at();
            } else if (IncidentStatus.isClosed(t.to()) && openSince != null) {
                open(openSince, t.at());
                openSince = null;
            } else if ("ACKNOWLEDGED".equals(t.to()) && !t.at().isBefore(from) && t.at().isBefore(to)) {
                acknowledged.computeIfAbsent(t.actor(), a -> new TreeMap<>())
                        .merge(t.at().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
            }
        }
        if (openSince != null) {
            open(openSince, null);
        }
    }

    WorkloadReport report() {
        List<OperatorLoad> loads = new ArrayList<>();
        List<OperatorHour> perHour = new ArrayList<>();
        acknowledged.forEach((operator, byHour) -> {
            long total = byHour.values().stream().mapToLong(Long::longValue).sum();
            long busiest = byHour.values().stream().mapToLong(Long::longValue).max().orElse(0);
            loads.add(new OperatorLoad(operator, total, byHour.size(), busiest));
            byHour.forEach((hour, count) -> perHour.add(new OperatorHour(hour, operator, count)));
        });
        loads.sort(Comparator.comparingLong(OperatorLoad::acknowledged).reversed().thenComparing(OperatorLoad::operator));
        perHour.sort(Comparator.comparing(OperatorHour::hour).thenComparing(OperatorHour::operator));
        return new WorkloadReport(from, to, loads, perHour, queue());
    }

    private List<QueuePoint> queue() {
        List<QueuePoint> points = new ArrayList<>(hours);
        long open = 0;
        for (int i = 0; i < hours; i++) {
            open += queueDelta[i];
            points.add(new QueuePoint(firstHour.plus(HOUR.multipliedBy(i)), open));
        }
        return points;
    }

    /** Open over {@code [since, until)}; {@code until} null means still open. */
    private void open(Instant since, Instant until) {
        int first = clamp(hoursUntil(since));
        int end = until == null ? hours : clamp(hoursUntil(until));
        if (first < end) {
            queueDelta[first]++;
            queueDelta[end]--;
        }
    }

    /** The index of the first whole hour at or after {@code instant}: {@code ceil((instant - firstHour) / 1 h)}. */
    private long hoursUntil(Instant instant) {
        long nanos = Duration.between(firstHour, instant).toNanos();
        return -Math.floorDiv(-nanos, HOUR.toNanos());
    }

    private int clamp(long index) {
        return (int) Math.min(hours, Math.max(0, index));
    }
}
