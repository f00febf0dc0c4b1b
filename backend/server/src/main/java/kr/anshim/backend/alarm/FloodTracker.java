package kr.anshim.backend.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One console's flood state, exactly. A presentation at {@code t} counts in the window for every
 * instant in {@code [t, t + 10 min)}. The console enters flood at the presentation that makes the
 * window hold more than {@value #ENTER_ABOVE} (the 11th), and leaves at the instant a presentation
 * drops out and leaves fewer than {@value #LEAVE_BELOW}. Presentations must come in time order.
 * Not thread-safe: one caller at a time.
 */
final class FloodTracker {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int ENTER_ABOVE = 10;
    static final int LEAVE_BELOW = 5;

    /** A flood entered ({@code entered}) or left at {@code at}, with the window's count and the flood's peak. */
    record Change(boolean entered, Instant at, int count, int peak) {
    }

    private final Deque<Instant> window = new ArrayDeque<>();
    private boolean flood;
    private Instant since;
    private int floodPeak;
    private int peak;

    /** Moves the clock to {@code now}: presentations older than the window drop out, which may end a flood. */
    List<Change> advance(Instant now) {
        List<Change> changes = new ArrayList<>(1);
        while (!window.isEmpty() && !window.peekFirst().plus(WINDOW).isAfter(now)) {
            Instant leftAt = window.pollFirst().plus(WINDOW);
            if (flood && window.size() < LEAVE_BELOW) {
                flood = false;
                since = null;
                changes.add(new Change(false, leftAt, window.size(), floodPeak));
            }
        }
        return changes;
    }

    /** An incident presented at {@code at}: may start a flood. */
    List<Change> presented(Instant at) {
        List<Change> changes = new ArrayList<>(advance(at));
        window.addLast(at);
        peak = Math.max(peak, window.size());
        if (flood) {
            floodPeak = Math.max(floodPeak, window.size());
        } else if (window.size() > ENTER_ABOVE) {
            flood = true;
            since = at;
            floodPeak = window.size();
            changes.add(new Change(true, at, window.size(), floodPeak));
        }
        return changes;
    }

    boolean flood() {
        return flood;
    }

    /** When the current flood began, or null. */
    Instant since() {
        return since;
    }

    /** Presentations in the window as of the last call. */
    int count() {
        return window.size();
    }

    /** The most the window ever held. */
    int peak() {
        return peak;
    }
}
