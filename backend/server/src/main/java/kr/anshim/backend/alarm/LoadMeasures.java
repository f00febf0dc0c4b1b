package kr.anshim.backend.alarm;

import kr.anshim.api.AlarmLoad;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator-load measures of one console over {@code [from, to)}, as a pure function of what
 * was presented, which devices signalled and which incidents were open at the end. Presentations
 * before {@code from} (up to {@link #WARM_UP}) only set the flood state and the 10-minute window
 * the period starts with; they are not counted as presented in it.
 */
final class LoadMeasures {

    /** How far before the period presentations are read to know whether it starts in flood. */
    static final Duration WARM_UP = Duration.ofHours(1);
    static final Duration STALE_AFTER = Duration.ofHours(24);
    static final int TOP = 10;
    private static final double TEN_MINUTES = Duration.ofMinutes(10).toMillis();
    private static final double HOUR = Duration.ofHours(1).toMillis();

    /** Episodes of flood, {@code [from, to)}; {@code to} is the period's end for one still going on. */
    record Episode(Instant from, Instant to) {
    }

    private LoadMeasures() {
    }

    /**
     * @param presented  the console's presentations, any order, from {@code from - WARM_UP} to {@code to}
     * @param signals    its devices' alarm signals in the period
     * @param openedAtOfOpen when each incident still open at {@code to} was opened
     */
    static AlarmLoad measure(String scope, String key, List<String> wards, Instant from, Instant to, Attended attended,
                             List<Presentation> presented, Collection<Chattering.DeviceSignal> signals,
                             Collection<Instant> openedAtOfOpen) {
        List<Presentation> ordered = new ArrayList<>(presented);
        ordered.sort(Comparator.comparing(Presentation::at));
        FloodTracker tracker = new FloodTracker();
        List<Episode> episodes = new ArrayList<>();
        Instant[] floodStart = {null};
        long peak = 0;
        List<Presentation> counted = new ArrayList<>();
        for (Presentation p : ordered) {
            if (!p.at().isBefore(to)) {
                break;
            }
            tracker.presented(p.at()).forEach(change -> episode(change, floodStart, episodes));
            if (!p.at().isBefore(from) && attended.contains(p.at())) {
                counted.add(p);
                peak = Math.max(peak, tracker.count());
            }
        }
        tracker.advance(to).forEach(change -> episode(change, floodStart, episodes));
        if (floodStart[0] != null) {
            episodes.add(new Episode(floodStart[0], to));
        }
        double attendedMillis = attended.length().toMillis();
        long inFlood = episodes.stream().mapToLong(e -> attended.overlap(e.from(), e.to()).toMillis()).sum();
        long floodsStarted = episodes.stream().filter(e -> !e.from().isBefore(from) && attended.contains(e.from())).count();
        List<String> chattering = Chattering.devices(signals.stream().filter(s -> attended.contains(s.occurredAt())).toList());
        long stale = attended.isEmpty() ? 0 : openedAtOfOpen.stream().filter(at -> !at.plus(STALE_AFTER).isAfter(to)).count();
        List<AlarmLoad.Source> top = top(counted);
        double topShare = top.stream().mapToDouble(AlarmLoad.Source::share).sum();
        Map<String, Double> mix = mix(counted);
        double per10 = attendedMillis == 0 ? 0 : counted.size() * TEN_MINUTES / attendedMillis;
        double perHour = attendedMillis == 0 ? 0 : counted.size() * HOUR / attendedMillis;
        double floodPercent = attendedMillis == 0 ? 0 : inFlood * 100.0 / attendedMillis;
        return new AlarmLoad(scope, key, wards, from, to, counted.size(), per10, perHour, peak, floodPercent,
                floodsStarted, chattering, stale, top, topShare, mix,
                LoadTargets.rate(per10, perHour, peak, floodPercent, chattering.size(), stale, topShare, mix, counted.size()));
    }

    private static void episode(FloodTracker.Change change, Instant[] floodStart, List<Episode> episodes) {
        if (change.entered()) {
            floodStart[0] = change.at();
        } else {
            episodes.add(new Episode(floodStart[0], change.at()));
            floodStart[0] = null;
        }
    }

    /** The {@value #TOP} sources that presented most (ties by id), with their share of all presented. */
    static List<AlarmLoad.Source> top(List<Presentation> presented) {
        Map<String, Long> bySource = new HashMap<>();
        presented.forEach(p -> bySource.merge(p.source(), 1L, Long::sum));
        return bySource.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(e -> new AlarmLoad.Source(e.getKey(), e.getValue(), e.getValue() * 100.0 / presented.size()))
                .toList();
    }

    /** Percent LOW, MEDIUM and HIGH (CRITICAL counts as HIGH); all zero when nothing was presented. */
    static Map<String, Double> mix(List<Presentation> presented) {
        Map<String, Double> mix = new LinkedHashMap<>();
        mix.put("LOW", 0.0);
        mix.put("MEDIUM", 0.0);
        mix.put("HIGH", 0.0);
        if (presented.isEmpty()) {
            return mix;
        }
        for (Presentation p : presented) {
            String band = "CRITICAL".equals(p.severity()) ? "HIGH" : p.severity();
            mix.merge(band, 100.0 / presented.size(), Double::sum);
        }
        return mix;
    }
}
