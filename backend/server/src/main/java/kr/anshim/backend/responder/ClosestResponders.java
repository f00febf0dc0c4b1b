package kr.anshim.backend.responder;

import kr.anshim.api.ResponderKind;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.ResponderView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The nearest available responders of each kind to a scene, with an estimated time to arrive.
 * Distances are straight lines on the sphere (haversine); the ETA assumes an average urban speed
 * and roads that wind, so it is an estimate for choosing, not a promise. Pure: no state, no clock.
 */
public final class ClosestResponders {

    /** Mean Earth radius (IUGG), in metres. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;

    /** A patrol car in Seoul traffic, lights and siren on: 30 km/h on average, door to door. */
    static final double POLICE_PATROL_KMH = 30;

    /** A guard team's car or motorcycle, without priority in traffic: 25 km/h on average. */
    static final double SECURITY_GUARD_KMH = 25;

    /** The driven route is taken as 1.3 times the straight line (a typical detour index for a city grid). */
    static final double ROAD_WINDING_FACTOR = 1.3;

    private static final Comparator<ResponderRecommendation> NEAREST_FIRST =
            Comparator.comparingDouble(ResponderRecommendation::distanceMetres)
                    .thenComparing(ResponderRecommendation::responderId);

    private ClosestResponders() {
    }

    /**
     * Up to {@code perKind} AVAILABLE responders of each kind, the nearest first overall (ties by id);
     * responders of an unknown kind are left out.
     */
    public static List<ResponderRecommendation> closest(double latitude, double longitude,
                                                        Collection<ResponderView> responders, int perKind) {
        List<ResponderRecommendation> chosen = new ArrayList<>();
        for (ResponderKind kind : ResponderKind.values()) {
            responders.stream()
                    .filter(r -> kind.name().equals(r.kind()) && ResponderStatus.AVAILABLE.name().equals(r.status()))
                    .map(r -> recommendation(r, kind, distanceMetres(latitude, longitude, r.latitude(), r.longitude())))
                    .sorted(NEAREST_FIRST)
                    .limit(perKind)
                    .forEach(chosen::add);
        }
        chosen.sort(NEAREST_FIRST);
        return List.copyOf(chosen);
    }

    /** Great-circle distance in metres (haversine). */
    public static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Seconds to cover a straight-line distance by road at the kind's assumed speed, rounded to the nearest second. */
    public static long etaSeconds(ResponderKind kind, double distanceMetres) {
        double metresPerSecond = speedKmh(kind) / 3.6;
        return Math.round(distanceMetres * ROAD_WINDING_FACTOR / metresPerSecond);
    }

    static double speedKmh(ResponderKind kind) {
        return switch (kind) {
            case POLICE_PATROL -> POLICE_PATROL_KMH;
            case SECURITY_GUARD -> SECURITY_GUARD_KMH;
        };
    }

    private static ResponderRecommendation recommendation(ResponderView responder, ResponderKind kind, double metres) {
        return new ResponderRecommendation(responder.id(), kind.name(), responder.callSign(), metres, etaSeconds(kind, metres));
    }
}
