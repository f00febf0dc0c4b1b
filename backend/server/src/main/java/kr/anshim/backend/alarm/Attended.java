package kr.anshim.backend.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The time a console was attended: disjoint intervals {@code [from, to)}, sorted. A ward's console is attended the whole period. */
record Attended(List<Interval> intervals) {

    record Interval(Instant from, Instant to) {

        boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }

        Duration overlap(Instant start, Instant end) {
            Instant a = start.isAfter(from) ? start : from;
            Instant b = end.isBefore(to) ? end : to;
            return a.isBefore(b) ? Duration.between(a, b) : Duration.ZERO;
        }
    }

    Attended {
        intervals = intervals.stream().filter(i -> i.from().isBefore(i.to()))
                .sorted(Comparator.comparing(Interval::from)).toList();
    }

    static Attended whole(Instant from, Instant to) {
        return new Attended(List.of(new Interval(from, to)));
    }

    /** The parts of {@code shifts} inside {@code [from, to)}, merged where they overlap. */
    static Attended clipped(List<Interval> shifts, Instant from, Instant to) {
        List<Interval> sorted = shifts.stream()
                .map(s -> new Interval(s.from().isBefore(from) ? from : s.from(), s.to().isAfter(to) ? to : s.to()))
                .filter(s -> s.from().isBefore(s.to()))
                .sorted(Comparator.comparing(Interval::from)).toList();
        java.util.ArrayList<Interval> merged = new java.util.ArrayList<>();
        for (Interval s : sorted) {
            Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !s.from().isAfter(last.to())) {
                merged.set(merged.size() - 1, new Interval(last.from(), s.to().isAfter(last.to()) ? s.to() : last.to()));
            } else {
                merged.add(s);
            }
        }
        return new Attended(merged);
    }

    boolean contains(Instant at) {
        return intervals.stream().anyMatch(i -> i.contains(at));
    }

    Duration length() {
        return intervals.stream().map(i -> Duration.between(i.from(), i.to())).reduce(Duration.ZERO, Duration::plus);
    }

    Duration overlap(Instant start, Instant end) {
        return intervals.stream().map(i -> i.overlap(start, end)).reduce(Duration.ZERO, Duration::plus);
    }

    boolean isEmpty() {
        return intervals.isEmpty();
    }
}
