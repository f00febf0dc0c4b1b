package kr.anshim.ui.backend;

import org.junit.jupiter.api.Test;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PacedDeliveryTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<List<String>> shown = new ArrayList<>();

    private PacedDelivery.Pacer<String> pacer(int maxBatch) {
        return new PacedDelivery.Pacer<>(maxBatch, Duration.ofMillis(250), com.vaadin.flow.server.Command::execute, shown::add, error -> { }, time);
    }

    @Test
    void a_short_burst_and_then_silence_is_shown_within_one_interval_never_held_back() {
        TestPublisher<String> backend = TestPublisher.create();
        backend.flux().subscribe(pacer(256));

        backend.next("BEGIN", "SNAPSHOT", "MARKER");
        time.advanceTimeBy(Duration.ofMillis(249));
        assertThat(shown).as("paced: nothing before the interval").isEmpty();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(shown).containsExactly(List.of("BEGIN", "SNAPSHOT", "MARKER"));

        backend.next("CHANGE");
        time.advanceTimeBy(Duration.ofMillis(250));
        assertThat(shown).as("a single later change comes alone, it does not wait for company")
                .containsExactly(List.of("BEGIN", "SNAPSHOT", "MARKER"), List.of("CHANGE"));
    }

    @Test
    void demand_stays_bounded_while_the_screen_has_not_shown_what_it_got() {
        TestPublisher<String> backend = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);
        List<com.vaadin.flow.server.Command> pendingPushes = new ArrayList<>();
        backend.flux().subscribe(new PacedDelivery.Pacer<String>(4, Duration.ofMillis(250), pendingPushes::add, shown::add,
                error -> { }, time));
        backend.assertMinRequested(4);

        backend.next("a", "b", "c", "d");
        time.advanceTimeBy(Duration.ofMillis(250));
        assertThat(pendingPushes).hasSize(1);
        backend.assertMaxRequested(0); // the slow screen has not shown them: nothing more is asked for

        pendingPushes.get(0).execute();
        assertThat(shown).containsExactly(List.of("a", "b", "c", "d"));
        backend.assertMinRequested(4);
    }
}
