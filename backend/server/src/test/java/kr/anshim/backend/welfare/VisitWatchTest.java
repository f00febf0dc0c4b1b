package kr.anshim.backend.welfare;

import kr.anshim.backend.VirtualClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Visiting teams' safety timers in virtual time: overdue at the expected return, then the police box, never after a check-in. */
class VisitWatchTest {

    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");
    private static final Duration CHECK = Duration.ofSeconds(30);
    private static final Duration POLICE_AFTER = Duration.ofMinutes(30);

    @Test
    void an_overdue_visit_calls_the_team_then_the_police_box_and_a_checked_in_one_neither() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        VirtualClock clock = new VirtualClock(scheduler, START);
        VisitWatch watch = new VisitWatch();
        UUID late = UUID.randomUUID();
        UUID back = UUID.randomUUID();
        watch.watch(late, START.plus(Duration.ofHours(1)), 0);
        watch.watch(back, START.plus(Duration.ofHours(1)), 0);

        StepVerifier.withVirtualTime(() -> watch.overruns(clock, CHECK, POLICE_AFTER), () -> scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> scheduler.schedule(() -> watch.stop(back), 50, TimeUnit.MINUTES))
                .expectNoEvent(Duration.ofHours(1).minus(CHECK))
                .thenAwait(CHECK)
                .assertNext(overrun -> {
                    assertThat(overrun.visitId()).isEqualTo(late);
                    assertThat(overrun.level()).isEqualTo(1);
                    assertThat(overrun.dueAt()).isEqualTo(START.plus(Duration.ofHours(1)));
                })
                .expectNoEvent(POLICE_AFTER.minus(CHECK))
                .thenAwait(CHECK)
                .assertNext(overrun -> {
                    assertThat(overrun.visitId()).isEqualTo(late);
                    assertThat(overrun.level()).isEqualTo(2);
                    assertThat(overrun.detectedAt()).isEqualTo(START.plus(Duration.ofMinutes(90)));
                })
                .expectNoEvent(Duration.ofHours(3))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(watch.watching(back)).isFalse();
    }

    @Test
    void an_overrun_not_recorded_is_raised_again_at_the_next_check() {
        VisitWatch watch = new VisitWatch();
        UUID id = UUID.randomUUID();
        watch.watch(id, START, 0);
        VisitWatch.Overrun first = watch.sweep(START, POLICE_AFTER).get(0);
        assertThat(watch.sweep(START.plus(CHECK), POLICE_AFTER)).isEmpty();
        watch.retry(first);
        assertThat(watch.sweep(START.plus(CHECK.multipliedBy(2)), POLICE_AFTER)).singleElement()
                .satisfies(again -> assertThat(again.level()).isEqualTo(1));
    }
}
