package kr.anshim.api;

import java.time.Instant;
import java.util.UUID;

/**
 * What a screen needs to show one responder. Each change sends the whole responder again, so a
 * screen that missed an update (positions are conflated) is corrected by the next one.
 *
 * @param id         e.g. {@code PC-11440-01} (patrol car) or {@code SG-11440-01} (guard team)
 * @param kind       {@link ResponderKind} name
 * @param callSign   radio call sign, e.g. {@code 마포경찰서 순찰 3호}
 * @param baseName   police station or guard post, e.g. {@code 서울마포경찰서}
 * @param wardCode   MOIS code of the ward it is based in
 * @param latitude   last known WGS84 latitude (the base until the first position report)
 * @param longitude  last known WGS84 longitude
 * @param status     {@code AVAILABLE}, {@code DISPATCHED}, {@code EN_ROUTE}, {@code ON_SCENE},
 *                   {@code RETURNING} or {@code OFF_DUTY}
 * @param updatedAt  when the control centre last saw it change, by the control centre's clock
 * @param incidentId the incident it is assigned to, or {@code null}
 */
public record ResponderView(String id, String kind, String callSign, String baseName, String wardCode,
                            double latitude, double longitude, String status, Instant updatedAt, UUID incidentId) {
}
