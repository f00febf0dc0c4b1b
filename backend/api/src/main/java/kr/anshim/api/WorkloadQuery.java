package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/**
 * The period of a workload report (route {@link Routes#WORKLOAD}), at most
 * {@value ResponseTimeQuery#MAX_DAYS} days.
 *
 * @param from  first instant, inclusive
 * @param to    end, exclusive
 * @param wards MOIS ward codes; empty means all wards
 * @param severities only incidents of these severities; empty means all
 */
public record WorkloadQuery(Instant from, Instant to, List<String> wards, List<Severity> severities) {

    public WorkloadQuery {
        wards = wards == null ? List.of() : List.copyOf(wards);
        severities = severities == null ? List.of() : List.copyOf(severities);
    }

    /** Every severity. */
    public WorkloadQuery(Instant from, Instant to, List<String> wards) {
        this(from, to, wards, List.of());
    }
}
