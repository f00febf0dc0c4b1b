package kr.anshim.backend.alarm;

import kr.anshim.api.AlarmLoad;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every operator-load measure, exactly, on constructed histories with fixed instants. */
class LoadMeasuresTest {

    static final Instant FROM = Instant.parse("2026-03-02T15:00:00Z"); // 00:00 KST
    static final Instant TO = FROM.plus(Duration.ofHours(1));
    static final String MAPO = "11440";

    @Test
    void a_flood_starts_at_the_eleventh_in_ten_minutes_and_ends_when_fewer_than_five_remain() {
        // 11 incidents, one every 30 s from 00:00: the 11th (at 5:00) starts the flood; the 7th drops
        // out at 13:00 (3:00 + 10 min) and leaves 4 in the window, which ends it: 8 minutes of 60
        List<Presentation> burst = every(Duration.ofSeconds(30), 11, FROM, "LOW");

        AlarmLoad load = ward(burst);

        assertThat(load.presented()).isEqualTo(11);
        assertThat(load.peak10Minutes()).isEqualTo(11);
        assertThat(load.floods()).isEqualTo(1);
        assertThat(load.floodPercent()).isCloseTo(8 * 100.0 / 60, within(1e-9));
        assertThat(load.per10Minutes()).isCloseTo(11 / 6.0, within(1e-9));
        assertThat(load.perHour()).isCloseTo(11, within(1e-9));
        assertThat(load.ratings()).containsEntry("floodPercent", "RED").containsEntry("peak10Minutes", "RED")
                .containsEntry("per10Minutes", "AMBER").containsEntry("perHour", "AMBER");
    }

    @Test
    void ten_in_ten_minutes_is_no_flood() {
        AlarmLoad load = ward(every(Duration.ofSeconds(30), 10, FROM, "LOW"));

        assertThat(load.peak10Minutes()).isEqualTo(10);
        assertThat(load.floods()).isZero();
        assertThat(load.floodPercent()).isZero();
        assertThat(load.ratings()).containsEntry("floodPercent", "GREEN").containsEntry("peak10Minutes", "AMBER");
    }

    @Test
    void the_flood_tracker_reports_the_exact_instants_it_enters_and_leaves() {
        FloodTracker tracker = new FloodTracker();
        List<FloodTracker.Change> changes = new ArrayList<>();
        every(Duration.ofSeconds(30), 11, FROM, "LOW").forEach(p -> changes.addAll(tracker.presented(p.at())));
        assertThat(tracker.flood()).isTrue();
        assertThat(tracker.since()).isEqualTo(FROM.plusSeconds(300));

        changes.addAll(tracker.advance(FROM.plusSeconds(779)));
        assertThat(tracker.flood()).as("5 still in the window at 12:59").isTrue();
        changes.addAll(tracker.advance(FROM.plusSeconds(780)));

        assertThat(changes).containsExactly(
                new FloodTracker.Change(true, FROM.plusSeconds(300), 11, 11),
                new FloodTracker.Change(false, FROM.plusSeconds(780), 4, 11));
    }

    @Test
    void a_flood_still_going_at_the_end_counts_until_the_end_and_one_from_before_the_period_counts_from_its_start() {
        // 11 from -5:30, every 30 s: in flood from the 11th (at -0:30); the 7th (at -2:30) drops out at 7:30 and ends it
        List<Presentation> before = every(Duration.ofSeconds(30), 11, FROM.minusSeconds(330), "LOW");
        AlarmLoad load = ward(before);
        assertThat(load.presented()).as("presented before the period are not counted in it").isZero();
        assertThat(load.floods()).as("the flood started before the period").isZero();
        assertThat(load.floodPercent()).isCloseTo(450 * 100.0 / 3600, within(1e-9));

        // 11 in the last 5 minutes: in flood from the 11th, at 59:50, to the end
        AlarmLoad late = ward(every(Duration.ofSeconds(29), 11, TO.minusSeconds(300), "LOW"));
        assertThat(late.floods()).isEqualTo(1);
        assertThat(late.floodPercent()).isCloseTo(10 * 100.0 / 3600, within(1e-9));
    }

    @Test
    void a_device_chatters_with_three_signals_in_less_than_a_minute() {
        List<Chattering.DeviceSignal> signals = List.of(
                signal("cam-a", 0), signal("cam-a", 20_000), signal("cam-a", 59_999),
                signal("cam-b", 0), signal("cam-b", 30_000), signal("cam-b", 60_000),
                signal("cam-c", 0), signal("cam-c", 100_000), signal("cam-c", 120_000), signal("cam-c", 159_000));

        AlarmLoad load = LoadMeasures.measure("WARD", MAPO, List.of(MAPO), FROM, TO, Attended.whole(FROM, TO),
                List.of(), signals, List.of());

        assertThat(load.chattering()).as("b's three span exactly 60 s").containsExactly("cam-a", "cam-c");
        assertThat(load.ratings()).containsEntry("chattering", "AMBER");
        assertThat(Chattering.chatters(List.of(FROM, FROM.plusSeconds(60), FROM.plusSeconds(120)))).isFalse();
    }

    @Test
    void an_incident_is_stale_once_it_has_been_open_for_24_hours() {
        List<Instant> open = List.of(TO.minus(Duration.ofHours(24)), TO.minus(Duration.ofHours(24)).plusSeconds(1),
                TO.minus(Duration.ofDays(3)));

        AlarmLoad load = LoadMeasures.measure("WARD", MAPO, List.of(MAPO), FROM, TO, Attended.whole(FROM, TO),
                List.of(), List.of(), open);

        assertThat(load.stale()).isEqualTo(2);
        assertThat(load.ratings()).containsEntry("stale", "GREEN");
    }

    @Test
    void the_top_ten_sources_and_the_priority_mix_are_shares_of_all_presented() {
        List<Presentation> presented = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            presented.add(at(i, i < 5 ? "H-noisy" : "H-" + i, "LOW"));
        }
        for (int i = 16; i < 19; i++) {
            presented.add(at(i, "H-" + i, "MEDIUM"));
        }
        presented.add(at(19, "H-19", "CRITICAL"));

        AlarmLoad load = ward(presented);

        assertThat(load.mix()).containsEntry("LOW", 80.0).containsEntry("MEDIUM", 15.0).containsEntry("HIGH", 5.0);
        assertThat(load.ratings()).containsEntry("mix", "GREEN");
        assertThat(load.top()).hasSize(10);
        assertThat(load.top().get(0)).isEqualTo(new AlarmLoad.Source("H-noisy", 5, 25.0));
        assertThat(load.top().get(1)).isEqualTo(new AlarmLoad.Source("H-10", 1, 5.0));
        assertThat(load.topShare()).isCloseTo(25.0 + 9 * 5.0, within(1e-9));
        assertThat(load.ratings()).containsEntry("topShare", "RED");
    }

    @Test
    void a_mix_of_only_high_incidents_is_red() {
        AlarmLoad load = ward(every(Duration.ofMinutes(10), 4, FROM, "HIGH"));

        assertThat(load.mix()).containsEntry("HIGH", 100.0).containsEntry("LOW", 0.0);
        assertThat(load.ratings()).containsEntry("mix", "RED").containsEntry("per10Minutes", "GREEN");
    }

    @Test
    void an_operator_is_measured_only_over_the_time_they_were_on_the_console() {
        // one incident every minute for the hour; the operator was on from 10:00 to 30:00
        List<Presentation> presented = every(Duration.ofMinutes(1), 60, FROM, "LOW");
        Attended shift = Attended.clipped(List.of(new Attended.Interval(FROM.plus(Duration.ofMinutes(10)),
                FROM.plus(Duration.ofMinutes(30)))), FROM, TO);

        AlarmLoad load = LoadMeasures.measure("OPERATOR", "op.mapo", List.of(MAPO), FROM, TO, shift, presented,
                List.of(), List.of());

        assertThat(load.presented()).isEqualTo(20);
        assertThat(load.per10Minutes()).isCloseTo(10, within(1e-9));
        assertThat(load.perHour()).isCloseTo(60, within(1e-9));
        assertThat(load.peak10Minutes()).isEqualTo(10);
        assertThat(load.floodPercent()).isZero();
    }

    @Test
    void overlapping_shifts_are_merged_and_clipped_to_the_period() {
        Attended attended = Attended.clipped(List.of(
                new Attended.Interval(FROM.minusSeconds(600), FROM.plusSeconds(600)),
                new Attended.Interval(FROM.plusSeconds(300), FROM.plusSeconds(900)),
                new Attended.Interval(TO.minusSeconds(60), TO.plusSeconds(600))), FROM, TO);

        assertThat(attended.length()).isEqualTo(Duration.ofSeconds(900 + 60));
        assertThat(attended.intervals()).hasSize(2);
    }

    @Test
    void nothing_presented_rates_green_and_divides_by_nothing() {
        AlarmLoad empty = LoadMeasures.measure("OPERATOR", "op.none", List.of(MAPO), FROM, TO,
                Attended.clipped(List.of(), FROM, TO), List.of(), List.of(), List.of(TO.minus(Duration.ofDays(2))));

        assertThat(empty.per10Minutes()).isZero();
        assertThat(empty.stale()).as("no shift, so no stale incidents of theirs").isZero();
        assertThat(empty.ratings().values()).containsOnly("GREEN");
    }

    private static AlarmLoad ward(List<Presentation> presented) {
        return LoadMeasures.measure("WARD", MAPO, List.of(MAPO), FROM, TO, Attended.whole(FROM, TO), presented,
                List.of(), List.of());
    }

    private static List<Presentation> every(Duration step, int count, Instant start, String severity) {
        List<Presentation> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(new Presentation(UUID.randomUUID(), MAPO, "H-" + i, severity, start.plus(step.multipliedBy(i))));
        }
        return all;
    }

    private static Presentation at(int minute, String source, String severity) {
        return new Presentation(UUID.randomUUID(), MAPO, source, severity, FROM.plus(Duration.ofMinutes(minute * 3L)));
    }

    private static Chattering.DeviceSignal signal(String device, long millis) {
        return new Chattering.DeviceSignal(device, MAPO, FROM.plusMillis(millis));
    }
}
