package kr.anshim.api;

/**
 * One available responder suggested for a scene.
 *
 * @param responderId    the responder
 * @param kind           {@link ResponderKind} name
 * @param callSign       its call sign
 * @param distanceMetres straight-line (great-circle) distance from its last known position
 * @param etaSeconds     estimated time to arrive, from an assumed urban speed and road-winding factor
 */
public record ResponderRecommendation(String responderId, String kind, String callSign, double distanceMetres,
                                      long etaSeconds) {
}
