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
    private static final double MAX_OFFSET_METRES = 950;
    private static final double METRES_PER_DEGREE_LAT = 111_320;

    public record Household(String id, String wardCode, double latitude, double longitude, boolean protectedPerson,
                            String contactName, String contactPhone, String address) {
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
            for (int n = 1; n <= count; n++) {
                Household household = household(ward, n, random);
                households.add(household);
                addDevices(household, n, random, devices);
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

    private static Household household(Ward ward, int n, SplittableRandom random) {
        double distance = MAX_OFFSET_METRES * Math.sqrt(random.nextDouble());
        double bearing = random.nextDouble() * 2 * Math.PI;
        double lat = ward.interiorLatitude() + distance * Math.cos(bearing) / METRES_PER_DEGREE_LAT;
        double lon = ward.interiorLongitude()
                + distance * Math.sin(bearing) / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(ward.interiorLatitude())));
        boolean protectedPerson = random.nextDouble() < 0.12;
        String id = "H-%s-%04d".formatted(ward.code(), n);
        String phone = "010-%04d-%04d".formatted(random.nextInt(10_000), random.nextInt(10_000));
        String address = "서울특별시 %s 안심로 %d길 %d".formatted(ward.nameKo(), 1 + random.nextInt(60), 1 + random.nextInt(120));
        return new Household(id, ward.code(), round(lat), round(lon), protectedPerson,
                "거주자 " + id.substring(2), phone, address);
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
