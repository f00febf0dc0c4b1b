package kr.anshim.backend;

import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.DeviceFamily;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The demo city the "it" profile seeds (0.1 households per thousand), and events from its devices. */
public final class TestDevices {

    public static final DemoCity CITY = DemoCity.generate(0.1, 20221101L);

    private TestDevices() {
    }

    public static DemoCity.Device first(DeviceFamily family) {
        return nth(family, 0);
    }

    public static DemoCity.Device nth(DeviceFamily family, int n) {
        return CITY.devices().stream().filter(d -> d.family() == family).skip(n).findFirst().orElseThrow();
    }

    public static DeviceEvent event(DemoCity.Device device, String type, Map<String, Object> payload) {
        return new DeviceEvent(UUID.randomUUID(), device.id(), Instant.now(), type, payload);
    }

    public static DemoCity.Household household(DemoCity.Device device) {
        return CITY.households().stream().filter(h -> h.id().equals(device.householdId())).findFirst().orElseThrow();
    }
}
