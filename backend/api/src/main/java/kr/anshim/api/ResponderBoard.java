package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/**
 * The responder status board as of {@code at}: every unit the caller may see (own wards' units and
 * units sent to the caller's incidents), ordered by ward, then id.
 *
 * @param staleAfterSeconds a unit whose position is older than this is flagged stale
 */
public record ResponderBoard(Instant at, long staleAfterSeconds, List<UnitStatus> units) {

    public ResponderBoard {
        units = List.copyOf(units);
    }
}
