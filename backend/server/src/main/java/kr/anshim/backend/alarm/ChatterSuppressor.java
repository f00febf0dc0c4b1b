package kr.anshim.backend.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Suppresses chattering devices, exactly: a device is suppressed at its {@value Chattering#REPEATS}rd
 * signal within {@link Chattering#WINDOW} (as {@link Chattering} measures it), into the incident
 * that signal went to; every further signal counts as a repeat of it; it is released once
 * {@link #QUIET} passes without a signal. Times must come in order. Not thread-safe.
 */
final class ChatterSuppressor {

    static final Duration QUIET = Chattering.WINDOW;

    /** A device suppressed ({@code suppressed}) or released at {@code at}, with the repeats counted so far. */
    record Event(boolean suppressed, String deviceId, UUID incidentId, Instant at, int repeats) {
    }

    private static final class Device {
        final Deque<Instant> recent = new ArrayDeque<>();
        UUID incident;
        Instant last;
        int repeats;
        boolean suppressed;
    }

    private final Map<String, Device> devices = new HashMap<>();

    /** {@code count} signals of {@code deviceId} at {@code at}, folded into {@code incidentId}. */
    List<Event> signalled(String deviceId, UUID incidentId, Instant at, int count) {
        List<Event> events = new ArrayList<>(1);
        Device device = devices.get(deviceId);
        if (device != null && !device.last.plus(QUIET).isAfter(at)) {
            if (device.suppressed) {
                events.add(new Event(false, deviceId, device.incident, device.last.plus(QUIET), device.repeats));
            }
            device = null;
        }
        if (device == null) {
            device = new Device();
            devices.put(deviceId, device);
        }
        device.last = at;
        device.incident = incidentId;
        if (device.suppressed) {
            device.repeats += count;
            return events;
        }
        for (int i = 0; i < count; i++) {
            device.recent.addLast(at);
        }
        while (!device.recent.isEmpty() && !device.recent.peekFirst().plus(Chattering.WINDOW).isAfter(at)) {
            device.recent.pollFirst();
        }
        if (device.recent.size() >= Chattering.REPEATS) {
            device.suppressed = true;
            device.repeats = device.recent.size();
            device.recent.clear();
            events.add(new Event(true, deviceId, incidentId, at, device.repeats));
        }
        return events;
    }

    /** Releases the devices quiet for {@link #QUIET} as of {@code now}, at the instant each became quiet; forgets idle ones. */
    List<Event> advance(Instant now) {
        List<Event> events = new ArrayList<>();
        for (Iterator<Map.Entry<String, Device>> it = devices.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Device> entry = it.next();
            Device device = entry.getValue();
            Instant quietAt = device.last.plus(QUIET);
            if (quietAt.isAfter(now)) {
                continue;
            }
            if (device.suppressed) {
                events.add(new Event(false, entry.getKey(), device.incident, quietAt, device.repeats));
            }
            it.remove();
        }
        events.sort(java.util.Comparator.comparing(Event::at));
        return events;
    }

    boolean suppressed(String deviceId) {
        Device device = devices.get(deviceId);
        return device != null && device.suppressed;
    }

    int repeats(String deviceId) {
        Device device = devices.get(deviceId);
        return device == null ? 0 : device.repeats;
    }
}
