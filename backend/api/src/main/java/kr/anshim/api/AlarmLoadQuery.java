package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/**
 * A request for operator-load measures ({@link Routes#ALARM_LOAD}) over {@code [from, to)}.
 *
 * @param wards the wards to measure; empty means every ward the caller sees
 */
public record AlarmLoadQuery(Instant from, Instant to, List<String> wards) {

    public AlarmLoadQuery {
        wards = wards == null ? List.of() : List.copyOf(wards);
    }
}
