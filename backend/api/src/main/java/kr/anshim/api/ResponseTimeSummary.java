package kr.anshim.api;

import java.util.List;

/**
 * The distribution of one measure in one group (route {@link Routes#RESPONSE_TIME_SUMMARY}).
 * Percentiles use the nearest-rank method: of the {@code n} values sorted ascending, the p-th
 * percentile is the value at 1-based rank {@code ceil(p / 100 * n)}, always one that was observed.
 * With no values, the percentiles and the share are null.
 *
 * @param dimension         what the groups are, one of {@link ResponseTimeQuery#DIMENSIONS}
 * @param group             the group, e.g. ward code {@code 11440}, {@code NIGHT}, {@code 2025-11-23};
 *                          {@code none} for incidents without one (never acknowledged, never dispatched)
 * @param measure           one of {@link #MEASURES}
 * @param count             how many incidents of the group have this measure
 * @param p50Seconds        median
 * @param p90Seconds        90th percentile
 * @param p95Seconds        95th percentile
 * @param maxSeconds        the longest
 * @param targetSeconds     the configured target for this measure, null if it has none
 * @param shareWithinTarget share of {@code count} at or under the target (0 to 1), null without a target
 */
public record ResponseTimeSummary(String dimension, String group, String measure, long count, Double p50Seconds,
                                  Double p90Seconds, Double p95Seconds, Double maxSeconds, Double targetSeconds,
                                  Double shareWithinTarget) {

    /** The measures, in the order of the lifecycle; see {@link ResponseTimeRow} for their definitions. */
    public static final List<String> MEASURES =
            List.of("acknowledge", "dispatch", "handOff112", "turnout", "travel", "response", "clear");
}
