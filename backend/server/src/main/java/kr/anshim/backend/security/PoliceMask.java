package kr.anshim.backend.security;

import kr.anshim.api.IncidentView;

import java.util.Set;

/**
 * What a police liaison may see of a protected person (a stalking victim, a person under police
 * protection) before police have taken the case: the incident, its ward and a 500 m grid cell,
 * never the door, the name, the phone or the street. The mask is lifted only once police accept a
 * 112 hand-off, which only an operator or supervisor may start ({@link Caller#may(kr.anshim.api.IncidentCommand)}).
 */
public final class PoliceMask {

    /** The grid cell's side. */
    public static final double CELL_METRES = 500;

    /** The hand-off states in which police have taken the case. */
    private static final Set<String> TAKEN = Set.of("ACCEPTED", "PATROL_ASSIGNED");

    private static final double METRES_PER_DEGREE = 111_320;
    /** A fixed reference latitude (Seoul's), so the grid is the same everywhere and never moves with the point. */
    private static final double CELL_LATITUDE = CELL_METRES / METRES_PER_DEGREE;
    private static final double CELL_LONGITUDE = CELL_METRES / (METRES_PER_DEGREE * Math.cos(Math.toRadians(37.55)));

    private PoliceMask() {
    }

    /** Whether {@code caller} sees this protected person's incident masked in its current hand-off state. */
    public static boolean applies(Caller caller, boolean protectedPerson, String call112) {
        return protectedPerson && caller.seesIdentityOnlyAfterHandOff() && !TAKEN.contains(call112);
    }

    /** The incident as {@code caller} may see it: masked, its position is its grid cell's centre. */
    public static IncidentView forCaller(Caller caller, IncidentView incident) {
        return applies(caller, incident.protectedPerson(), incident.call112()) ? coarsened(incident) : incident;
    }

    /** The incident at its grid cell's centre, without the household id that would point at the home. */
    public static IncidentView coarsened(IncidentView incident) {
        return incident.at(snap(incident.latitude(), CELL_LATITUDE), snap(incident.longitude(), CELL_LONGITUDE))
                .withoutHousehold();
    }

    /** The centre of the cell holding {@code degrees}: the same for every point in the cell. */
    static double snap(double degrees, double cell) {
        double centre = (Math.floor(degrees / cell) + 0.5) * cell;
        return Math.round(centre * 1e5) / 1e5;
    }
}
