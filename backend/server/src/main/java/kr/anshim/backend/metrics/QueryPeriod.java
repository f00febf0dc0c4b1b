package kr.anshim.backend.metrics;

import kr.anshim.api.Severity;
import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.Wards;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A checked period {@code [from, to)} of at most {@value ResponseTimeQuery#MAX_DAYS} days, with the
 * wards and severities to include (empty: all).
 */
record QueryPeriod(Instant from, Instant to, List<String> wards, List<Severity> severities) {

    static final Duration LONGEST = Duration.ofDays(ResponseTimeQuery.MAX_DAYS);

    QueryPeriod {
        wards = List.copyOf(wards);
        severities = List.copyOf(severities);
    }

    static QueryPeriod of(Instant from, Instant to, List<String> wards) {
        return of(from, to, wards, List.of());
    }

    /** Checks the caller's input; every refusal says what to fix. */
    static QueryPeriod of(Instant from, Instant to, List<String> wards, List<Severity> severities) {
        if (from == null || to == null) {
            throw new InvalidQuery("from and to are required (ISO-8601 instants, e.g. 2025-11-01T00:00:00Z)");
        }
        if (!from.isBefore(to)) {
            throw new InvalidQuery("from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new InvalidQuery("a period may cover at most " + ResponseTimeQuery.MAX_DAYS + " days; "
                    + from + " to " + to + " is " + Duration.between(from, to).toDays() + " days");
        }
        List<String> checked = wards == null ? List.of() : wards.stream().map(QueryPeriod::ward).distinct().toList();
        List<Severity> bands = severities == null ? List.of() : severities.stream().distinct().toList();
        return new QueryPeriod(from, to, checked, bands);
    }

    private static String ward(String code) {
        String stripped = code == null ? "" : code.strip();
        if (Wards.seoul().byCode(stripped).isEmpty()) {
            throw new InvalidQuery("unknown ward code '" + code + "'; use the 5-digit MOIS code, e.g. 11440 for 마포구");
        }
        return stripped;
    }
}
