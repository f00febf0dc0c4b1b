package kr.anshim.backend.welfare;

import kr.anshim.backend.VirtualClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The threshold timer per person, in virtual time: each person's own threshold, then the second-day escalation. */
class InactivityWatchTest {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final Duration CHECK = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void each_person_lapses_at_their_own_threshold_and_escalates_once_a_further_day_passes_unanswered() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        VirtualClock clock = new VirtualClock(scheduler, START);
        InactivityWatch watch = new InactivityWatch();
        watch.watch("H-ONE-DAY", Duration.ofDays(1), START, 0, false, true);
        watch.watch("H-THREE-DAYS", Duration.ofDays(3), START, 0, false, true);

        StepVerifier.withVirtualTime(() -> watch.lapses(clock, CHECK, DAY), () -> scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(DAY.minus(CHECK))
                .thenAwait(CHECK)
                .assertNext(lapse -> {
                    assertThat(lapse.householdId()).isEqualTo("H-ONE-DAY");
                    assertThat(lapse.level()).isEqualTo(1);
                    assertThat(lapse.dueAt()).isEqualTo(START.plus(DAY));
                    assertThat(lapse.detectedAt()).isEqualTo(START.plus(DAY));
                })
                // a further day without the officer's outcome: the same person once more, level 2
                .expectNoEvent(DAY.minus(CHECK))
                .thenAwait(CHECK)
                .assertNext(lapse -> {
                    assertThat(lapse.householdId()).isEqualTo("H-ONE-DAY");
                    assertThat(lapse.level()).isEqualTo(2);
                    assertThat(lapse.dueAt()).isEqualTo(START.plus(DAY.multipliedBy(2)));
                })
                // the three-day person lapses on day 3; the one-day person stays quiet (level 2 is the last)
                .expectNoEvent(DAY.minus(CHECK))
                .thenAwait(CHECK)
                .assertNext(lapse -> {
                    assertThat(lapse.householdId()).isEqualTo("H-THREE-DAYS");
                    assertThat(lapse.level()).isEqualTo(1);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void activity_restarts_the_timer_and_an_answered_alert_does_not_escalate() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        VirtualClock clock = new VirtualClock(scheduler, START);
        InactivityWatch watch = new InactivityWatch();
        watch.watch("H-ACTIVE", Duration.ofDays(2), START, 0, false, true);
        watch.watch("H-ANSWERED", Duration.ofDays(1), START, 0, false, true);

        StepVerifier.withVirtualTime(() -> watch.lapses(clock, CHECK, DAY), () -> scheduler, Long.MAX_VALUE)
                .expectSubscription()
                // a call on day 1.5 moves H-ACTIVE's deadline to day 3.5
                .then(() -> scheduler.schedule(() -> watch.activity("H-ACTIVE", START.plus(Duration.ofHours(36))), 36, TimeUnit.HOURS))
                .expectNoEvent(DAY.minus(CHECK))
                .thenAwait(CHECK)
                .assertNext(lapse -> assertThat(lapse.householdId()).isEqualTo("H-ANSWERED"))
                .then(() -> watch.answered("H-ANSWERED"))
                // no level 2 for H-ANSWERED on day 2, and H-ACTIVE not on day 2 either
                .expectNoEvent(Duration.ofHours(60).minus(CHECK))
                .thenAwait(CHECK)
                .assertNext(lapse -> {
                    assertThat(lapse.householdId()).isEqualTo("H-ACTIVE");
                    assertThat(lapse.level()).isEqualTo(1);
                    assertThat(lapse.since()).isEqualTo(START.plus(Duration.ofHours(36)));
                    assertThat(lapse.dueAt()).isEqualTo(START.plus(Duration.ofHours(84)));
                })
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(watch.timer("H-ANSWERED")).get().satisfies(t -> {
            assertThat(t.level()).isEqualTo(1);
            assertThat(t.answered()).isTrue();
        });
    }

    @Test
    void the_first_summary_sets_the_last_activity_even_if_it_is_older_than_the_enrolment() {
        InactivityWatch watch = new InactivityWatch();
        watch.watch("H-NEW", Duration.ofDays(1), START, 0, false, false);
        assertThat(watch.activity("H-NEW", START.minus(Duration.ofHours(30)))).isTrue();
        assertThat(watch.sweep(START, DAY)).singleElement().satisfies(lapse -> {
            assertThat(lapse.level()).isEqualTo(1);
            assertThat(lapse.dueAt()).isEqualTo(START.minus(Duration.ofHours(6)));
        });
        // from then on an older summary changes nothing
        assertThat(watch.activity("H-NEW", START.minus(Duration.ofHours(40)))).isFalse();
    }

    @Test
    void an_older_summary_changes_nothing_and_a_lapse_not_recorded_is_raised_again() {
        InactivityWatch watch = new InactivityWatch();
        watch.watch("H-1", Duration.ofDays(1), START, 0, false, true);
        assertThat(watch.activity("H-1", START.minusSeconds(60))).isFalse();
        assertThat(watch.activity("H-UNKNOWN", START)).isFalse();

        InactivityWatch.Lapse lapse = watch.sweep(START.plus(DAY), DAY).get(0);
        assertThat(watch.sweep(START.plus(DAY).plusSeconds(60), DAY)).isEmpty();
        watch.retry(lapse);
        assertThat(watch.sweep(START.plus(DAY).plusSeconds(120), DAY)).singleElement()
                .satisfies(again -> assertThat(again.level()).isEqualTo(1));
    }
}
