package kr.anshim.backend.welfare;

import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A threshold timer per enrolled person. Each person's deadline is their last activity plus their own
 * threshold (1 to 5 days); past it they lapse once (level 1), and if a further {@code unansweredAfter}
 * passes without the officer's outcome, once more (level 2). New activity restarts the timer. The
 * checks run on a timer of their own ({@link #lapses}), so a test drives them in virtual time.
 */
final class InactivityWatch {

    /**
     * One person's timer. {@code since} is the last activity, or the enrolment while none was reported
     * ({@code reported} false): the first summary then sets it, however old its activity.
     */
    record Timer(String householdId, Duration threshold, Instant since, int level, boolean answered, boolean reported) {

        Instant dueAt() {
            return since.plus(threshold);
        }
    }

    /** A person whose timer ran out: level 1 at the threshold, level 2 a further period later, unanswered. */
    record Lapse(String householdId, int level, Instant since, Instant dueAt, Instant detectedAt) {
    }

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Starts (or replaces) a person's timer, keeping the level already reached (e.g. from the database after a restart). */
    void watch(String householdId, Duration threshold, Instant since, int level, boolean answered, boolean reported) {
        timers.put(householdId, new Timer(householdId, threshold, since, level, answered, reported));
    }

    void forget(String householdId) {
        timers.remove(householdId);
    }

    /**
     * Activity at {@code at}: the timer restarts from it. An older activity than the one known changes
     * nothing; the first one reported replaces the enrolment time. True if the timer restarted.
     */
    boolean activity(String householdId, Instant at) {
        Timer[] restarted = new Timer[1];
        timers.computeIfPresent(householdId, (id, t) -> {
            if (t.reported() && !at.isAfter(t.since())) {
                return t;
            }
            restarted[0] = new Timer(id, t.threshold(), at, 0, false, true);
            return restarted[0];
        });
        return restarted[0] != null;
    }

    /** The officer recorded an outcome: no further escalation until the next lapse. */
    void answered(String householdId) {
        timers.computeIfPresent(householdId, (id, t) -> new Timer(id, t.threshold(), t.since(), t.level(), true, t.reported()));
    }

    /** A lapse that could not be recorded: the next check raises it again. */
    void retry(Lapse lapse) {
        timers.computeIfPresent(lapse.householdId(), (id, t) -> t.level() == lapse.level() && t.since().equals(lapse.since())
                ? new Timer(id, t.threshold(), t.since(), lapse.level() - 1, t.answered(), t.reported()) : t);
    }

    Optional<Timer> timer(String householdId) {
        return Optional.ofNullable(timers.get(householdId));
    }

    int size() {
        return timers.size();
    }

    /** Checks every {@code every} by {@code clock}, emitting each lapse once. */
    Flux<Lapse> lapses(Clock clock, Duration every, Duration unansweredAfter) {
        return lapses(clock, every, unansweredAfter, household -> true);
    }

    /** The same for the people {@code mine} accepts (in a cluster: those of the wards this instance owns). */
    Flux<Lapse> lapses(Clock clock, Duration every, Duration unansweredAfter, Predicate<String> mine) {
        return Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMapIterable(tick -> sweep(clock.instant(), unansweredAfter, mine));
    }

    List<Lapse> sweep(Instant now, Duration unansweredAfter) {
        return sweep(now, unansweredAfter, household -> true);
    }

    /** Others' timers are left as they are: their owner advances them, and this instance reads them again when it takes over. */
    List<Lapse> sweep(Instant now, Duration unansweredAfter, Predicate<String> mine) {
        List<Lapse> lapses = new ArrayList<>();
        for (Timer t : timers.values()) {
            if (!mine.test(t.householdId())) {
                continue;
            }
            Instant due = t.dueAt();
            int next = t.level() == 0 && !now.isBefore(due) ? 1
                    : t.level() == 1 && !t.answered() && !now.isBefore(due.plus(unansweredAfter)) ? 2 : 0;
            if (next > 0 && timers.replace(t.householdId(), t, new Timer(t.householdId(), t.threshold(), t.since(), next, t.answered(), t.reported()))) {
                lapses.add(new Lapse(t.householdId(), next, t.since(), next == 1 ? due : due.plus(unansweredAfter), now));
            }
        }
        lapses.sort(Comparator.comparing(Lapse::dueAt));
        return lapses;
    }
}
