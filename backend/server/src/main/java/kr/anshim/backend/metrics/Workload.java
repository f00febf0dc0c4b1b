package kr.anshim.backend.metrics;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.WorkloadReport;
import kr.anshim.api.WorkloadReport.OperatorHour;
import kr.anshim.api.WorkloadReport.OperatorLoad;
import kr.anshim.backend.incident.Transition;

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
 *   its next transition to resolved, false alarm or cancelled; {@link QueueLength} counts them
 *   step by step, at each step's start and at its peak.</li>
 * </ul>
 */
final class Workload {

    private final Instant from;
    private final Instant to;
    private final QueueLength queue;
    private final Map<String, Map<Instant, Long>> acknowledged = new HashMap<>();

    Workload(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        this.queue = new QueueLength(from, to);
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
                queue.open(openSince, t.at());
                openSince = null;
            } else if ("ACKNOWLEDGED".equals(t.to()) && !t.at().isBefore(from) && t.at().isBefore(to)) {
                acknowledged.computeIfAbsent(t.actor(), a -> new TreeMap<>())
                        .merge(t.at().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
            }
        }
        if (openSince != null) {
            queue.open(openSince, null);
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
        return new WorkloadReport(from, to, loads, perHour, queue.points(), queue.step());
    }
}
