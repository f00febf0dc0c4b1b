package kr.anshim.backend.alarm;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Chatter suppression on constructed signal times: suppressed at the third signal within a minute, repeats counted, released after a quiet minute. */
class ChatterSuppressorTest {

    static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");
    static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-000000000013");

    @Test
    void a_device_is_suppressed_at_its_third_signal_within_a_minute_and_counts_its_repeats() {
        ChatterSuppressor suppressor = new ChatterSuppressor();
        List<ChatterSuppressor.Event> events = new ArrayList<>();

        events.addAll(suppressor.signalled("cam-1", INCIDENT, T0, 1));
        events.addAll(suppressor.signalled("cam-1", INCIDENT, T0.plusSeconds(30), 1));
        assertThat(suppressor.suppressed("cam-1")).isFalse();
        events.addAll(suppressor.signalled("cam-1", INCIDENT, T0.plusMillis(59_999), 1));
        assertThat(suppressor.suppressed("cam-1")).isTrue();
        events.addAll(suppressor.signalled("cam-1", INCIDENT, T0.plusSeconds(70), 2));
        events.addAll(suppressor.signalled("cam-1", INCIDENT, T0.plusSeconds(100), 1));

        assertThat(suppressor.repeats("cam-1")).isEqualTo(6);
        assertThat(suppressor.advance(T0.plusSeconds(159))).isEmpty();
        events.addAll(suppressor.advance(T0.plusSeconds(165)));

        assertThat(events).containsExactly(
                new ChatterSuppressor.Event(true, "cam-1", INCIDENT, T0.plusMillis(59_999), 3),
                new ChatterSuppressor.Event(false, "cam-1", INCIDENT, T0.plusSeconds(160), 6));
        assertThat(suppressor.suppressed("cam-1")).isFalse();
    }

    @Test
    void three_signals_exactly_a_minute_apart_end_to_end_are_not_chatter() {
        ChatterSuppressor suppressor = new ChatterSuppressor();
        List<ChatterSuppressor.Event> events = new ArrayList<>();

        events.addAll(suppressor.signalled("cam-2", INCIDENT, T0, 1));
        events.addAll(suppressor.signalled("cam-2", INCIDENT, T0.plusSeconds(30), 1));
        events.addAll(suppressor.signalled("cam-2", INCIDENT, T0.plusSeconds(60), 1));
        // positive control: a fourth one second later makes three within 31 s
        assertThat(events).isEmpty();
        events.addAll(suppressor.signalled("cam-2", INCIDENT, T0.plusSeconds(61), 1));

        assertThat(events).extracting(ChatterSuppressor.Event::at).containsExactly(T0.plusSeconds(61));
    }

    @Test
    void a_suppressed_device_that_signals_after_a_quiet_minute_is_released_first_and_starts_afresh() {
        ChatterSuppressor suppressor = new ChatterSuppressor();
        suppressor.signalled("cam-3", INCIDENT, T0, 3);

        List<ChatterSuppressor.Event> events = suppressor.signalled("cam-3", INCIDENT, T0.plusSeconds(90), 1);

        assertThat(events).containsExactly(new ChatterSuppressor.Event(false, "cam-3", INCIDENT, T0.plusSeconds(60), 3));
        assertThat(suppressor.suppressed("cam-3")).isFalse();
    }
}
