package kr.anshim.backend.welfare;

import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The safety timer of each visit that has not checked in: overdue at its expected return (level 1:
 * call the team), still overdue {@code policeAfter} later (level 2: call the police box). A check-in
 * or a panic stops it. The checks run on their own timer ({@link #overruns}), driven in virtual time by tests.
 */
final class VisitWatch {

    /** A visit that overran: level 1 at the expected return, level 2 past the police delay. */
    record Overrun(UUID visitId, int level, Instant dueAt, Instant detectedAt) {
    }

    private record Timer(Instant expectedReturn, int level) {
    }

    private final Map<UUID, Timer> timers = new ConcurrentHashMap<>();

    void watch(UUID visitId, Instant expectedReturn, int level) {
        timers.put(visitId, new Timer(expectedReturn, level));
    }

    /** Checked in, or in panic (the panic incident takes over): no more overrun alerts. */
    void stop(UUID visitId) {
        timers.remove(visitId);
    }

    /** An overrun that could not be recorded: raised again at the next check. */
    void retry(Overrun overrun) {
        timers.computeIfPresent(overrun.visitId(), (id, t) -> t.level() == overrun.level()
                ? new Timer(t.expectedReturn(), overrun.level() - 1) : t);
    }

    boolean watching(UUID visitId) {
        return timers.containsKey(visitId);
    }

    Flux<Overrun> overruns(Clock clock, Duration every, Duration policeAfter) {
        return Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMapIterable(tick -> sweep(clock.instant(), policeAfter));
    }

    List<Overrun> sweep(Instant now, Duration policeAfter) {
        List<Overrun> overruns = new ArrayList<>();
        timers.forEach((id, t) -> {
            Instant police = t.expectedReturn().plus(policeAfter);
            int next = t.level() == 0 && !now.isBefore(t.expectedReturn()) ? 1
                    : t.level() == 1 && !now.isBefore(police) ? 2 : 0;
            if (next > 0 && timers.replace(id, t, new Timer(t.expectedReturn(), next))) {
                overruns.add(new Overrun(id, next, next == 1 ? t.expectedReturn() : police, now));
            }
        });
        overruns.sort(Comparator.comparing(Overrun::dueAt));
        return overruns;
    }
}
