package kr.anshim.backend.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chattering after ISA-18.2: an alarm that goes active and clears 3 or more times in a minute. The
 * devices' alarm signals (everything but heartbeats and the backend's own) are momentary: each
 * stored signal is one activation that clears by itself. So a device chatters when 3 of its stored
 * alarm signals fall within 60 seconds: {@code t[k+2] - t[k] < 60 s} for some k, ordered by when
 * they occurred.
 */
final class Chattering {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int REPEATS = 3;

    /** One stored alarm signal of a device. */
    record DeviceSignal(String deviceId, String wardCode, Instant occurredAt) {
    }

    private Chattering() {
    }

    /** The devices that chattered at least once among {@code signals}, sorted by id. */
    static List<String> devices(Collection<DeviceSignal> signals) {
        Map<String, List<Instant>> byDevice = new HashMap<>();
        signals.forEach(s -> byDevice.computeIfAbsent(s.deviceId(), d -> new ArrayList<>()).add(s.occurredAt()));
        TreeSet<String> chattering = new TreeSet<>();
        byDevice.forEach((device, times) -> {
            if (chatters(times)) {
                chattering.add(device);
            }
        });
        return List.copyOf(chattering);
    }

    /** True when 3 of these times fall within less than 60 seconds of each other. */
    static boolean chatters(List<Instant> times) {
        List<Instant> sorted = new ArrayList<>(times);
        sorted.sort(Comparator.naturalOrder());
        for (int k = 0; k + REPEATS - 1 < sorted.size(); k++) {
            if (Duration.between(sorted.get(k), sorted.get(k + REPEATS - 1)).compareTo(WINDOW) < 0) {
                return true;
            }
        }
        return false;
    }
}
