package kr.anshim.loadtests;

import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An alarm burst in one ward, on top of the city's traffic: {@code count} door cameras of different
 * households without a protected person trip once each, evenly over {@code over}, starting
 * {@code after} the simulator starts: enough (more than 10 in 10 minutes) to put that ward's
 * console in flood. Off unless {@code ward} is set, e.g. {@code --anshim.simulator.burst.ward=11440}.
 */
@ConfigurationProperties("anshim.simulator.burst")
record Burst(String ward, int count, Duration after, Duration over) {

    Burst {
        count = count <= 0 ? 30 : count;
        after = after == null ? Duration.ofMinutes(2) : after;
        over = over == null ? Duration.ofMinutes(1) : over;
    }

    boolean on() {
        return ward != null && !ward.isBlank();
    }

    /** The cameras that trip, at most one per household (so each is its own incident). */
    List<DemoCity.Device> cameras(DemoCity city) {
        Set<String> homes = city.households().stream().filter(h -> h.wardCode().equals(ward) && !h.protectedPerson())
                .map(DemoCity.Household::id).collect(Collectors.toSet());
        return city.devices().stream().filter(d -> d.family() == DeviceFamily.DOOR_CAMERA && homes.contains(d.householdId()))
                .collect(Collectors.toMap(DemoCity.Device::householdId, d -> d, (a, b) -> a, java.util.LinkedHashMap::new))
                .values().stream().limit(count).toList();
    }

    /** The pause between two cameras of the burst. */
    Duration gap() {
        return count <= 1 ? Duration.ZERO : over.dividedBy(count - 1);
    }
}
