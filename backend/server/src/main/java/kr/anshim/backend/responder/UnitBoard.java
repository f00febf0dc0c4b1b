package kr.anshim.backend.responder;

import kr.anshim.api.ResponderBoard;
import kr.anshim.api.UnitStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The responder status board: per unit its status, the incident it serves, its ETA and when its
 * position was last measured, with positions older than {@link #STALE_AFTER} flagged. The ETA is
 * the recommendation's estimate ({@link ClosestResponders#etaSeconds}) from the last known position,
 * so the two never disagree. Pure: the roster, the incidents' positions and the time come in.
 */
final class UnitBoard {

    /** Six missed reports of a unit that reports every 10 s (the simulator's, a vehicle tracker's period). */
    static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private UnitBoard() {
    }

    /** A latitude and longitude. */
    record Place(double latitude, double longitude) {
    }

    static ResponderBoard of(Collection<Tracked> units, Predicate<Tracked> visible,
                             Function<UUID, Optional<Place>> incidentAt, Instant now) {
        return new ResponderBoard(now, STALE_AFTER.toSeconds(), units.stream()
                .filter(visible)
                .sorted(Comparator.comparing(Tracked::wardCode).thenComparing(Tracked::id))
                .map(unit -> row(unit, incidentAt, now))
                .toList());
    }

    static UnitStatus row(Tracked unit, Function<UUID, Optional<Place>> incidentAt, Instant now) {
        boolean stale = unit.status() != ResponderStatus.OFF_DUTY && (unit.reportedAt() == null
                || Duration.between(unit.reportedAt(), now).compareTo(STALE_AFTER) > 0);
        return new UnitStatus(unit.id(), unit.kind().name(), unit.callSign(), unit.baseName(), unit.wardCode(),
                unit.status().name(), unit.incidentId(), eta(unit, incidentAt), unit.reportedAt(), stale);
    }

    private static Long eta(Tracked unit, Function<UUID, Optional<Place>> incidentAt) {
        if (unit.incidentId() == null) {
            return null;
        }
        return switch (unit.status()) {
            case ON_SCENE -> 0L;
            case DISPATCHED, EN_ROUTE -> incidentAt.apply(unit.incidentId())
                    .map(place -> ClosestResponders.etaSeconds(unit.kind(), ClosestResponders.distanceMetres(
                            unit.latitude(), unit.longitude(), place.latitude(), place.longitude())))
                    .orElse(null);
            default -> null;
        };
    }
}
