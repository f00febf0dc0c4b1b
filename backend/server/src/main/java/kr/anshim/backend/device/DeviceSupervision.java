package kr.anshim.backend.device;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heartbeat supervision. Heartbeats are coalesced here: only the latest per device is kept, so a
 * burst costs memory per device, not per message. A device is supervised from its first heartbeat
 * on; one that then stays silent past the timeout is reported once, until it is heard again.
 */
@Component
public class DeviceSupervision {

    /** A device that stopped reporting. */
    public record Silence(String deviceId, Instant lastSeen, Instant detectedAt) {
    }

    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    DeviceSupervision(MeterRegistry meters) {
        meters.gauge("anshim.devices.supervised", lastSeen, Map::size);
        meters.gauge("anshim.devices.silent", reported, Set::size);
    }

    public void heard(String deviceId, Instant at) {
        lastSeen.merge(deviceId, at, (old, now) -> now.isAfter(old) ? now : old);
        reported.remove(deviceId);
    }

    /** A reported silence that could not be stored: report it again at the next sweep. */
    public void retry(String deviceId) {
        reported.remove(deviceId);
    }

    /** A revoked or removed device is no longer supervised. */
    public void forget(String deviceId) {
        lastSeen.remove(deviceId);
        reported.remove(deviceId);
    }

    public Optional<Instant> lastSeen(String deviceId) {
        return Optional.ofNullable(lastSeen.get(deviceId));
    }

    /**
     * Checks every {@code every} for devices silent longer than {@code timeout} (for example three
     * missed 30-second heartbeats) by the given clock, emitting each silence once.
     */
    public Flux<Silence> silences(Clock clock, Duration every, Duration timeout) {
        return Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMapIterable(tick -> sweep(clock.instant(), timeout));
    }

    List<Silence> sweep(Instant now, Duration timeout) {
        Instant deadline = now.minus(timeout);
        List<Silence> silences = new ArrayList<>();
        lastSeen.forEach((device, seen) -> {
            if (seen.isBefore(deadline) && reported.add(device)) {
                silences.add(new Silence(device, seen, now));
            }
        });
        return silences;
    }
}
