package kr.anshim.api;

import java.time.Instant;

/**
 * A position report from a vehicle, a guard's phone or the simulator.
 *
 * @param responderId the responder
 * @param latitude    WGS84 latitude, within Seoul
 * @param longitude   WGS84 longitude, within Seoul
 * @param at          when it was measured; reports older than the last one accepted are ignored;
 *                    {@code null} means "now" by the control centre's clock
 */
public record ResponderPosition(String responderId, double latitude, double longitude, Instant at) {
}
