package kr.anshim.backend.responder;

import kr.anshim.api.ResponderView;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Latest wins, per responder: with explicit demand for any subscriber, and with virtual time for screens. */
class LatestPerResponderTest {

    private static final Duration PERIOD = Duration.ofMillis(250);

    private final Sinks.Many<ResponderView> changes = Sinks.many().multicast().directBestEffort();

    @Test
    void a_subscriber_that_keeps_up_gets_every_change_in_order() {
        StepVerifier.create(changes.asFlux().transform(LatestPerResponder.onDemand()))
                .then(() -> emit(at("A", 1), at("A", 2), at("B", 1), at("A", 3)))
                .expectNext(at("A", 1), at("A", 2), at("B", 1), at("A", 3))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void a_subscriber_without_demand_later_gets_the_latest_of_each_responder_and_loses_no_responder() {
        List<ResponderView> received = new ArrayList<>();

        StepVerifier.create(changes.asFlux().transform(LatestPerResponder.onDemand()), 0)
                .then(() -> emit(at("A", 1), at("A", 2), at("B", 1), at("A", 3), at("A", 4), at("B", 2), at("C", 1)))
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(100)
                .recordWith(() -> received)
                .expectNextCount(5)
                .expectNoEvent(Duration.ofMillis(50))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        // One change per responder was already handed on when demand stopped; after it only the latest.
        assertThat(received).containsExactlyInAnyOrder(at("A", 1), at("A", 4), at("B", 1), at("B", 2), at("C", 1));
        assertThat(received.indexOf(at("A", 1))).isLessThan(received.indexOf(at("A", 4)));
        assertThat(received.indexOf(at("B", 1))).isLessThan(received.indexOf(at("B", 2)));
    }

    @Test
    void a_screen_gets_everyone_first_then_only_the_latest_of_each_responder_each_period() {
        StepVerifier.withVirtualTime(() -> LatestPerResponder.snapshotThenEvery(changes.asFlux(),
                        () -> List.of(at("A", 0), at("B", 0)), PERIOD, VirtualTimeScheduler.get()))
                .expectNext(at("A", 0), at("B", 0))
                .then(() -> emit(at("A", 1), at("A", 2), at("A", 3)))
                .expectNoEvent(PERIOD.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(at("A", 3))
                .then(() -> emit(at("B", 1)))
                .thenAwait(PERIOD)
                .expectNext(at("B", 1))
                .expectNoEvent(PERIOD.multipliedBy(4))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void a_responder_reaches_a_screen_at_most_once_per_period() {
        StepVerifier.withVirtualTime(() -> LatestPerResponder.snapshotThenEvery(changes.asFlux(),
                        List::of, PERIOD, VirtualTimeScheduler.get()))
                .then(() -> emit(at("A", 1)))
                .thenAwait(PERIOD)
                .expectNext(at("A", 1))
                .thenAwait(Duration.ofMillis(10))
                .then(() -> emit(at("A", 2)))
                .expectNoEvent(PERIOD.minusMillis(11))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(at("A", 2))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void a_slow_screen_skips_periods_and_then_gets_only_the_latest() {
        StepVerifier.withVirtualTime(() -> LatestPerResponder.snapshotThenEvery(changes.asFlux(),
                        () -> List.of(at("A", 0)), PERIOD, VirtualTimeScheduler.get()), 1)
                .expectNext(at("A", 0))
                .then(() -> emit(at("A", 1), at("B", 1)))
                .thenAwait(PERIOD.multipliedBy(8))
                .expectNoEvent(PERIOD)
                .then(() -> emit(at("A", 2)))
                .thenRequest(10)
                .thenAwait(PERIOD)
                .expectNextMatches(view -> view.equals(at("A", 2)) || view.equals(at("B", 1)))
                .expectNextMatches(view -> view.equals(at("A", 2)) || view.equals(at("B", 1)))
                .expectNoEvent(PERIOD.multipliedBy(2))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void the_changes_are_watched_before_the_snapshot_is_read_so_nothing_slips_between() {
        AtomicBoolean watching = new AtomicBoolean();
        Flux<ResponderView> watched = Flux.defer(() -> {
            watching.set(true);
            return changes.asFlux();
        });

        StepVerifier.withVirtualTime(() -> LatestPerResponder.snapshotThenEvery(watched,
                        () -> watching.get() ? List.of(at("A", 0)) : List.of(), PERIOD, VirtualTimeScheduler.get()))
                .expectNext(at("A", 0))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void when_the_changes_end_what_is_pending_still_goes_out() {
        StepVerifier.withVirtualTime(() -> LatestPerResponder.snapshotThenEvery(Flux.just(at("A", 1), at("A", 2)),
                        List::of, PERIOD, VirtualTimeScheduler.get()))
                .expectNext(at("A", 2))
                .verifyComplete();
    }

    private void emit(ResponderView... views) {
        for (ResponderView view : views) {
            assertThat(changes.tryEmitNext(view)).isEqualTo(Sinks.EmitResult.OK);
        }
    }

    /** Responder {@code id} at its {@code n}th position. */
    private static ResponderView at(String id, int n) {
        return new ResponderView(id, "POLICE_PATROL", "call " + id, "base", "11440", 37.5 + n / 1000.0, 126.9,
                "AVAILABLE", Instant.EPOCH.plusSeconds(n), null);
    }
}
