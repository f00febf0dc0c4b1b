package kr.anshim.backend.responder;

import java.util.Optional;

/**
 * A rectangle around Seoul (its extremes are about 37.413–37.715 N and 126.764–127.184 E, with a
 * little margin). Coarse on purpose: it catches swapped or zero coordinates, NaN and other
 * nonsense, not a car a few hundred metres over the city limit.
 */
final class SeoulBounds {

    static final double MIN_LATITUDE = 37.40;
    static final double MAX_LATITUDE = 37.73;
    static final double MIN_LONGITUDE = 126.75;
    static final double MAX_LONGITUDE = 127.20;

    private SeoulBounds() {
    }

    /** Why the point cannot be used, or empty if it can. */
    static Optional<RejectedInput> check(double latitude, double longitude) {
        if (!Double.isFinite(latitude) || !Double.isFinite(longitude)) {
            return Optional.of(new RejectedInput(RejectedInput.Reason.INVALID_COORDINATES,
                    "latitude and longitude must be finite numbers, were " + latitude + ", " + longitude));
        }
        if (latitude < MIN_LATITUDE || latitude > MAX_LATITUDE || longitude < MIN_LONGITUDE || longitude > MAX_LONGITUDE) {
            return Optional.of(new RejectedInput(RejectedInput.Reason.OUTSIDE_SEOUL, "%s, %s is outside Seoul (latitude %s to %s, longitude %s to %s)"
                    .formatted(latitude, longitude, MIN_LATITUDE, MAX_LATITUDE, MIN_LONGITUDE, MAX_LONGITUDE)));
        }
        return Optional.empty();
    }
}
