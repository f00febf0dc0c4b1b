package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/**
 * Which incidents to measure (routes {@link Routes#RESPONSE_TIME_ROWS} and
 * {@link Routes#RESPONSE_TIME_SUMMARY}): those opened in {@code [from, to)}, at most
 * {@value #MAX_DAYS} days, optionally only in some wards.
 *
 * @param from      first instant of the period, inclusive
 * @param to        end of the period, exclusive
 * @param dimension how to group a summary: one of {@link #DIMENSIONS}; ignored for rows
 * @param wards     MOIS ward codes; empty means all wards
 * @param severities only incidents of these severities; empty means all
 */
public record ResponseTimeQuery(Instant from, Instant to, String dimension, List<String> wards, List<Severity> severities) {

    /** The longest period one query may cover. */
    public static final int MAX_DAYS = 400;

    /**
     * The dimensions a summary can be grouped by. {@code shift} is {@code DAY} (07:00–19:00 Seoul
     * time) or {@code NIGHT} by the opening time; {@code operator} is whoever acknowledged;
     * {@code responderKind} that of the first dispatch; {@code day} is the trend, one group per
     * Asia/Seoul calendar day ({@code 2025-11-23}); {@code all} is one group for the whole period.
     */
    public static final List<String> DIMENSIONS =
            List.of("ward", "family", "severity", "shift", "operator", "responderKind", "day", "all");

    public ResponseTimeQuery {
        wards = wards == null ? List.of() : List.copyOf(wards);
        severities = severities == null ? List.of() : List.copyOf(severities);
    }

    /** Every severity. */
    public ResponseTimeQuery(Instant from, Instant to, String dimension, List<String> wards) {
        this(from, to, dimension, wards, List.of());
    }

    public static ResponseTimeQuery of(Instant from, Instant to, String dimension) {
        return new ResponseTimeQuery(from, to, dimension, List.of());
    }
}
