package kr.anshim.api;

import java.time.Instant;
import java.util.UUID;

/**
 * The response times of one incident, computed from its stored audit trail; one CSV line of the
 * supervisor's export. A step that did not happen is null, never zero. Seconds have microsecond
 * precision (PostgreSQL's).
 *
 * @param id                 incident id
 * @param wardCode           MOIS ward code
 * @param family             device family of the signal that opened it
 * @param severity           severity as last stored
 * @param shift              {@code DAY} (opened 07:00–19:00 Seoul time) or {@code NIGHT}
 * @param operator           who acknowledged it first, else null
 * @param responderKind      {@link ResponderKind} name of the first dispatch, else null
 * @param openedAt           when the control centre opened it (the alarm was received)
 * @param acknowledgeSeconds opened to first acknowledged
 * @param dispatchSeconds    opened to first dispatched
 * @param handOff112Seconds  112 hand-off requested to accepted by police
 * @param turnoutSeconds     first dispatched to first en route
 * @param travelSeconds      first en route to first on scene
 * @param responseSeconds    opened to first on scene
 * @param clearSeconds       opened to first resolved, false alarm or cancelled
 */
public record ResponseTimeRow(UUID id, String wardCode, String family, String severity, String shift, String operator,
                              String responderKind, Instant openedAt, Double acknowledgeSeconds, Double dispatchSeconds,
                              Double handOff112Seconds, Double turnoutSeconds, Double travelSeconds,
                              Double responseSeconds, Double clearSeconds) {
}
