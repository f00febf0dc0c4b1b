package kr.anshim.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the responder status board ({@link ResponderRoutes#RESPONDERS_BOARD}).
 *
 * @param status      {@link ResponderView#status()}
 * @param incidentId  the incident it serves, or null
 * @param etaSeconds  for a unit dispatched or en route: the estimated seconds from its last position
 *                    to the incident (the same estimate as a recommendation's); 0 on scene; else null
 * @param positionAt  when its last position was measured, or null if it never reported one
 * @param stale       no position for longer than the board's {@link ResponderBoard#staleAfterSeconds()}
 */
public record UnitStatus(String id, String kind, String callSign, String baseName, String wardCode, String status,
                         UUID incidentId, Long etaSeconds, Instant positionAt, boolean stale) {
}
