package kr.anshim.backend.metrics;

import kr.anshim.api.Severity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What a summary groups incidents by; see {@link kr.anshim.api.ResponseTimeQuery#DIMENSIONS}. */
enum Dimension {
    WARD("ward", i -> i.incident().wardCode()),
    FAMILY("family", i -> i.incident().family()),
    SEVERITY("severity", i -> i.incident().severity()),
    SHIFT("shift", i -> i.shift().name()),
    OPERATOR("operator", i -> i.times().operator()),
    RESPONDER_KIND("responderKind", i -> i.incident().responderKind()),
    DAY("day", i -> i.day().toString()),
    ALL("all", i -> "all");

    /** The group of incidents that lack the dimension: never acknowledged, never dispatched. */
    static final String NONE = "none";

    private final String wireName;
    private final Function<MeasuredIncident, String> key;

    Dimension(String wireName, Function<MeasuredIncident, String> key) {
        this.wireName = wireName;
        this.key = key;
    }

    String wireName() {
        return wireName;
    }

    String group(MeasuredIncident incident) {
        String group = key.apply(incident);
        return group == null ? NONE : group;
    }

    /** Severity from the most severe down; every other dimension in natural order (days chronologically). */
    Comparator<String> order() {
        if (this == SEVERITY) {
            return Comparator.comparingInt(Dimension::severityRank).thenComparing(Comparator.naturalOrder());
        }
        return Comparator.naturalOrder();
    }

    static Optional<Dimension> parse(String name) {
        return Arrays.stream(values()).filter(d -> d.wireName.equalsIgnoreCase(name == null ? "" : name.strip()))
                .findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(Dimension::wireName).toList();
    }

    private static int severityRank(String severity) {
        return Arrays.stream(Severity.values()).filter(s -> s.name().equals(severity)).findFirst()
                .map(Enum::ordinal).orElse(Severity.values().length);
    }
}
