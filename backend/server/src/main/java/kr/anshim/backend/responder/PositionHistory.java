package kr.anshim.backend.responder;

import kr.anshim.api.ResponderPosition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last few positions of each responder, for drawing a short track: a fixed ring per responder,
 * so memory is bounded by the roster size times the capacity, however often positions arrive.
 */
final class PositionHistory {

    private final int capacity;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    PositionHistory(int capacity) {
        this.capacity = capacity;
    }

    /** Only for known responders: the caller checks, so unknown ids cannot grow the map. */
    void record(ResponderPosition position) {
        rings.computeIfAbsent(position.responderId(), id -> new Ring(capacity)).add(position);
    }

    /** Oldest first; at most the capacity. */
    List<ResponderPosition> recent(String responderId) {
        Ring ring = rings.get(responderId);
        return ring == null ? List.of() : ring.list();
    }

    private static final class Ring {

        private final ResponderPosition[] slots;
        private int next;
        private int size;

        Ring(int capacity) {
            slots = new ResponderPosition[capacity];
        }

        synchronized void add(ResponderPosition position) {
            slots[next] = position;
            next = (next + 1) % slots.length;
            size = Math.min(size + 1, slots.length);
        }

        synchronized List<ResponderPosition> list() {
            List<ResponderPosition> out = new ArrayList<>(size);
            int first = (next - size + slots.length) % slots.length;
            for (int i = 0; i < size; i++) {
                out.add(slots[(first + i) % slots.length]);
            }
            return List.copyOf(out);
        }
    }
}
