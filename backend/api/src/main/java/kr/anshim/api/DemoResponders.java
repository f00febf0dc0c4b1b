package kr.anshim.api;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic demo roster: three patrol cars at each of the 31 police stations serving the 25
 * wards, and one to three private security posts per ward with two guard teams each. Every base is
 * within {@value #MAX_BASE_OFFSET_METRES} m of its ward's interior point (which is at least
 * 1,087 m from any border), so each responder starts inside its ward. The backend's demo profile
 * imports it and the simulator drives it, so both agree on every id.
 */
public final class DemoResponders {

    public static final int CARS_PER_STATION = 3;
    public static final int TEAMS_PER_POST = 2;
    public static final int MAX_POSTS_PER_WARD = 3;
    public static final double MAX_BASE_OFFSET_METRES = 900;

    /** Police stations sit 250–700 m from the interior point, their cars parked within 60 m of them. */
    private static final double STATION_MIN_METRES = 250;
    private static final double STATION_MAX_METRES = 700;
    private static final double PARKING_METRES = 60;
    /** Guard posts sit 150–800 m from the interior point, their teams within 30 m of them. */
    private static final double POST_MIN_METRES = 150;
    private static final double POST_MAX_METRES = 800;
    private static final double TEAM_METRES = 30;
    private static final double METRES_PER_DEGREE_LAT = 111_320;

    /**
     * @param id            e.g. {@code PC-11440-01}, {@code SG-11440-01}
     * @param callSign      e.g. {@code 마포경찰서 순찰 3호}, {@code 안심경비 마포 1거점 2조}
     * @param baseName      e.g. {@code 서울마포경찰서}, {@code 안심경비 마포 1거점}
     * @param baseLatitude  where it waits when idle
     * @param baseLongitude its longitude
     */
    public record Responder(String id, ResponderKind kind, String callSign, String baseName, String wardCode,
                            double baseLatitude, double baseLongitude) {
    }

    private DemoResponders() {
    }

    /** The same seed gives the same roster. */
    public static List<Responder> generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Responder> roster = new ArrayList<>();
        for (Ward ward : Wards.seoul().all()) {
            patrolCars(ward, random, roster);
            guardTeams(ward, random, roster);
        }
        return List.copyOf(roster);
    }

    private static void patrolCars(Ward ward, SplittableRandom random, List<Responder> roster) {
        List<String> stations = ward.policeStations();
        double firstBearing = random.nextDouble() * 2 * Math.PI;
        int n = 0;
        for (int s = 0; s < stations.size(); s++) {
            String station = stations.get(s);
            // Stations of one ward face different ways from the interior point, so they do not overlap.
            double[] base = offset(ward.interiorLatitude(), ward.interiorLongitude(),
                    between(STATION_MIN_METRES, STATION_MAX_METRES, random),
                    firstBearing + s * 2 * Math.PI / stations.size());
            String shortName = station.startsWith("서울") ? station.substring(2) : station;
            for (int car = 1; car <= CARS_PER_STATION; car++) {
                n++;
                double[] parked = pointNear(base, PARKING_METRES, random);
                roster.add(new Responder(id(ResponderKind.POLICE_PATROL, ward, n), ResponderKind.POLICE_PATROL,
                        shortName + " 순찰 " + car + "호", station, ward.code(), round(parked[0]), round(parked[1])));
            }
        }
    }

    private static void guardTeams(Ward ward, SplittableRandom random, List<Responder> roster) {
        int posts = 1 + random.nextInt(MAX_POSTS_PER_WARD);
        double firstBearing = random.nextDouble() * 2 * Math.PI;
        String wardName = ward.nameKo().length() > 2 && ward.nameKo().endsWith("구")
                ? ward.nameKo().substring(0, ward.nameKo().length() - 1) : ward.nameKo();
        int n = 0;
        for (int p = 1; p <= posts; p++) {
            double[] post = offset(ward.interiorLatitude(), ward.interiorLongitude(),
                    between(POST_MIN_METRES, POST_MAX_METRES, random), firstBearing + p * 2 * Math.PI / posts);
            String postName = "안심경비 " + wardName + " " + p + "거점";
            for (int team = 1; team <= TEAMS_PER_POST; team++) {
                n++;
                double[] at = pointNear(post, TEAM_METRES, random);
                roster.add(new Responder(id(ResponderKind.SECURITY_GUARD, ward, n), ResponderKind.SECURITY_GUARD,
                        postName + " " + team + "조", postName, ward.code(), round(at[0]), round(at[1])));
            }
        }
    }

    private static String id(ResponderKind kind, Ward ward, int n) {
        return "%s-%s-%02d".formatted(kind.prefix(), ward.code(), n);
    }

    private static double between(double min, double max, SplittableRandom random) {
        return min + random.nextDouble() * (max - min);
    }

    /** A uniformly random point within {@code radius} metres of the given one. */
    private static double[] pointNear(double[] centre, double radius, SplittableRandom random) {
        return offset(centre[0], centre[1], radius * Math.sqrt(random.nextDouble()), random.nextDouble() * 2 * Math.PI);
    }

    private static double[] offset(double lat, double lon, double metres, double bearing) {
        return new double[]{
                lat + metres * Math.cos(bearing) / METRES_PER_DEGREE_LAT,
                lon + metres * Math.sin(bearing) / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat)))};
    }

    private static double round(double degrees) {
        return Math.round(degrees * 100_000) / 100_000.0;
    }
}
