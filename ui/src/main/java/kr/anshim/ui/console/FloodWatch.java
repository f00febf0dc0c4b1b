package kr.anshim.ui.console;

import kr.anshim.api.IncidentView;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Alarm flood detection for one console, after ISA-18.2: a flood begins when more than
 * {@value #BEGIN_ABOVE} new incidents open in {@link #WINDOW} in one ward the operator watches, and
 * ends when every such ward is below {@value #END_BELOW}: the gap keeps it from flickering. Counts
 * every incident seen opening, closed ones too, once each (a fresh snapshot after a reconnection
 * counts nothing twice).
 */
final class FloodWatch {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int BEGIN_ABOVE = 10;
    static final int END_BELOW = 5;

    private final Map<UUID, IncidentView> opened = new HashMap<>();
    private boolean flooding;

    /** Takes note of incidents as they arrive; returns whether the console is in a flood now. */
    boolean update(Collection<IncidentView> seen, Instant now) {
        Instant since = now.minus(WINDOW);
        seen.stream().filter(i -> i.openedAt().isAfter(since)).forEach(i -> opened.putIfAbsent(i.id(), i));
        opened.values().removeIf(i -> !i.openedAt().isAfter(since));
        Map<String, Integer> perWard = new HashMap<>();
        opened.values().forEach(i -> perWard.merge(i.wardCode(), 1, Integer::sum));
        int worst = perWard.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (!flooding && worst > BEGIN_ABOVE) {
            flooding = true;
        } else if (flooding && worst < END_BELOW) {
            flooding = false;
        }
        return flooding;
    }

    boolean flooding() {
        return flooding;
    }

    /** New incidents in the window in the busiest ward. */
    int rate() {
        Map<String, Integer> perWard = new HashMap<>();
        opened.values().forEach(i -> perWard.merge(i.wardCode(), 1, Integer::sum));
        return perWard.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
