package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/** The answer to an {@link AlarmLoadQuery}: one {@link AlarmLoad} per ward, then one per operator who had a shift there. */
public record AlarmLoadReport(Instant from, Instant to, List<AlarmLoad> wards, List<AlarmLoad> operators) {

    public AlarmLoadReport {
        wards = List.copyOf(wards);
        operators = List.copyOf(operators);
    }
}
