package kr.anshim.backend.responder;

/**
 * A checked {@code responders.recommend} request.
 *
 * @param latitude  the scene, within Seoul
 * @param longitude its longitude
 * @param perKind   how many of each kind, 1 to {@value ResponderInput#MAX_PER_KIND}
 */
record RecommendRequest(double latitude, double longitude, int perKind) {
}
