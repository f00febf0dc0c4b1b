package kr.anshim.backend.device;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last time each device was heard from. Heartbeats are coalesced here: only the latest per
 * device is kept, so a burst of heartbeats costs memory per device, not per message.
 */
@Component
public class DeviceSupervision {

    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    DeviceSupervision(MeterRegistry meters) {
        meters.gauge("anshim.devices.heard", lastSeen, Map::size);
    }

    public void heard(String deviceId, Instant at) {
        lastSeen.merge(deviceId, at, (old, now) -> now.isAfter(old) ? now : old);
    }

    public Optional<Instant> lastSeen(String deviceId) {
        return Optional.ofNullable(lastSeen.get(deviceId));
    }

    public Map<String, Instant> snapshot() {
        return Map.copyOf(lastSeen);
    }
}
