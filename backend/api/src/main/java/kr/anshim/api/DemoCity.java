package kr.anshim.api;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic demo population: households spread over the 25 wards in proportion to their
 * single-person households (2021 census), scaled down, and the devices installed in them. The
 * backend's demo profile imports it and the simulator drives it, so both agree on every id.
 * Demo tokens are derived from the device id: they exist only for the demo profile.
 */
public final class DemoCity {

    /** Households are placed within this distance of the ward's interior point, which is at least 1,087 m from any border. */
    private static final double MAX_OFFSET_METRES = 930;
    private static final double BUILDING_RADIUS_METRES = 15;
    private static final double METRES_PER_DEGREE_LAT = 111_320;

    /**
     * @param buildingId households with the same building id share an entrance area (within ~15 m),
     *                   as in the officetels and villas where many single-person households live
     */
    public record Household(String id, String wardCode, double latitude, double longitude, boolean protectedPerson,
                            String contactName, String contactPhone, String address, String buildingId) {
    }

    public record Device(String id, DeviceFamily family, String householdId, String token) {
    }

    private final List<Household> households;
    private final List<Device> devices;

    private DemoCity(List<Household> households, List<Device> devices) {
        this.households = List.copyOf(households);
        this.devices = List.copyOf(devices);
    }

    /**
     * @param householdsPerThousand households per thousand census single-person households (1 gives about 1,490)
     * @param seed                  the random seed; the same seed gives the same city
     */
    public static DemoCity generate(double householdsPerThousand, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Household> households = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        for (Ward ward : Wards.seoul().all()) {
            int count = Math.max(2, (int) Math.round(ward.singlePersonHouseholds() / 1000.0 * householdsPerThousand));
            int n = 0;
            int building = 0;
            while (n < count) {
                building++;
                double[] site = pointNear(ward.interiorLatitude(), ward.interiorLongitude(), MAX_OFFSET_METRES, random);
                int units = random.nextDouble() < 0.6 ? 1 : 2 + random.nextInt(7);
                String address = "서울특별시 %s 안심로 %d길 %d".formatted(ward.nameKo(), 1 + random.nextInt(60), 1 + random.nextInt(120));
                for (int unit = 1; unit <= units && n < count; unit++) {
                    n++;
                    double[] door = pointNear(site[0], site[1], BUILDING_RADIUS_METRES, random);
                    Household household = household(ward, n, door, address + (units > 1 ? " " + unit + "0" + unit + "호" : ""),
                            "B-%s-%03d".formatted(ward.code(), building), random);
                    households.add(household);
                    addDevices(household, n, random, devices);
                }
            }
        }
        return new DemoCity(households, devices);
    }

    /** The demo gateway the simulator connects as; it may relay for every device. */
    public static final String DEMO_GATEWAY_ID = "GW-DEMO-SIMULATOR";

    public static String demoToken(String deviceId) {
        return "demo-" + deviceId;
    }

    public List<Household> households() {
        return households;
    }

    public List<Device> devices() {
        return devices;
    }

    private static Household household(Ward ward, int n, double[] door, String address, String buildingId,
                                       SplittableRandom random) {
        boolean protectedPerson = random.nextDouble() < 0.12;
        String id = "H-%s-%04d".formatted(ward.code(), n);
        String phone = "010-%04d-%04d".formatted(random.nextInt(10_000), random.nextInt(10_000));
        return new Household(id, ward.code(), round(door[0]), round(door[1]), protectedPerson,
                "거주자 " + id.substring(2), phone, address, buildingId);
    }

    /** A uniformly random point within {@code radius} metres of the given one. */
    private static double[] pointNear(double lat, double lon, double radius, SplittableRandom random) {
        double distance = radius * Math.sqrt(random.nextDouble());
        double bearing = random.nextDouble() * 2 * Math.PI;
        return new double[]{
                lat + distance * Math.cos(bearing) / METRES_PER_DEGREE_LAT,
                lon + distance * Math.sin(bearing) / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat)))};
    }

    private static void addDevices(Household household, int n, SplittableRandom random, List<Device> devices) {
        String suffix = "%s-%04d".formatted(household.wardCode(), n);
        devices.add(device(DeviceFamily.DOOR_CAMERA, suffix, household));
        if (household.protectedPerson()) {
            devices.add(device(DeviceFamily.EMERGENCY_BELL, suffix, household));
            devices.add(device(DeviceFamily.DOOR_LOCK, suffix, household));
        }
        if (random.nextDouble() < 0.3) {
            devices.add(device(DeviceFamily.SOS_BUTTON, suffix, household));
        }
    }

    private static Device device(DeviceFamily family, String suffix, Household household) {
        String id = family.prefix() + "-" + suffix;
        return new Device(id, family, household.id(), demoToken(id));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 100_000) / 100_000.0;
    }
}
