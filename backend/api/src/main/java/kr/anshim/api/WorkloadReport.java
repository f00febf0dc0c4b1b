package kr.anshim.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Operator workload and the queue over a period, computed from the stored audit trail.
 *
 * @param from      the period's start, inclusive
 * @param to        its end, exclusive
 * @param operators per operator, the acknowledgements in the period, most first
 * @param perHour   acknowledgements per operator per clock hour, only hours with at least one, in time order
 * @param queue     the open incidents over the period, one point per {@code queueStep}, in time order
 * @param queueStep the queue's resolution: from a minute (for a period of hours) to a day (for a year),
 *                  so a burst between two samples still shows as a peak
 */
public record WorkloadReport(Instant from, Instant to, List<OperatorLoad> operators, List<OperatorHour> perHour,
                             List<QueuePoint> queue, Duration queueStep) {

    public WorkloadReport {
        operators = List.copyOf(operators);
        perHour = List.copyOf(perHour);
        queue = List.copyOf(queue);
    }

    /**
     * One operator's acknowledgements.
     *
     * @param operator     the actor of the acknowledge transitions
     * @param acknowledged acknowledge transitions in the period (a reopened incident acknowledged again counts again)
     * @param activeHours  clock hours with at least one of them
     * @param busiestHour  the most in one clock hour
     */
    public record OperatorLoad(String operator, long acknowledged, long activeHours, long busiestHour) {
    }

    /**
     * @param hour         start of the clock hour
     * @param operator     who
     * @param acknowledged how many in that hour
     */
    public record OperatorHour(Instant hour, String operator, long acknowledged) {
    }

    /**
     * @param at   the start of the step (the period's start for the first)
     * @param open incidents open at that instant (opened at or before it, not yet closed)
     * @param peak the most open at any instant of the step: a burst that came and went inside the
     *             step is counted here, not lost between two samples
     */
    public record QueuePoint(Instant at, long open, long peak) {
    }
}
