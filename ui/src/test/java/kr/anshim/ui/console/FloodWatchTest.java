package kr.anshim.ui.console;

import kr.anshim.api.IncidentView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** ISA-18.2 flood: more than 10 new incidents in 10 minutes in one ward begins it, fewer than 5 ends it. */
class FloodWatchTest {

    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void eleven_new_incidents_in_ten_minutes_begin_a_flood_ten_do_not() {
        FloodWatch watch = new FloodWatch();
        List<IncidentView> ten = opened("11440", 10, T0);
        assertThat(watch.update(ten, T0.plusSeconds(60))).isFalse();
        assertThat(watch.update(ten, T0.plusSeconds(61))).as("the same ten again count once").isFalse();
        assertThat(watch.update(opened("11440", 1, T0.plusSeconds(62)), T0.plusSeconds(62))).isTrue();
        assertThat(watch.rate()).isEqualTo(11);
    }

    @Test
    void incidents_spread_over_wards_are_no_flood_of_one_ward() {
        FloodWatch watch = new FloodWatch();
        List<IncidentView> spread = new ArrayList<>(opened("11440", 6, T0));
        spread.addAll(opened("11710", 6, T0));
        assertThat(watch.update(spread, T0.plusSeconds(10))).isFalse();
        assertThat(watch.update(opened("11440", 5, T0.plusSeconds(20)), T0.plusSeconds(20))).as("positive control").isTrue();
    }

    @Test
    void the_flood_lasts_until_fewer_than_five_remain_in_the_window() {
        FloodWatch watch = new FloodWatch();
        watch.update(opened("11440", 11, T0), T0);
        List<IncidentView> later = opened("11440", 5, T0.plus(Duration.ofMinutes(6)));
        assertThat(watch.update(later, T0.plus(Duration.ofMinutes(6)))).isTrue();
        assertThat(watch.update(List.of(), T0.plus(Duration.ofMinutes(11))))
                .as("the first eleven left the window; five remain: not below five yet").isTrue();
        assertThat(watch.update(List.of(), T0.plus(Duration.ofMinutes(17)))).as("all left the window").isFalse();
        assertThat(watch.update(opened("11440", 10, T0.plus(Duration.ofMinutes(18))), T0.plus(Duration.ofMinutes(18))))
                .as("ten again: no flood").isFalse();
    }

    @Test
    void old_incidents_from_a_snapshot_do_not_count() {
        FloodWatch watch = new FloodWatch();
        assertThat(watch.update(opened("11440", 30, T0.minus(Duration.ofMinutes(11))), T0)).isFalse();
        assertThat(watch.rate()).isZero();
    }

    private static List<IncidentView> opened(String ward, int count, Instant at) {
        List<IncidentView> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new IncidentView(UUID.randomUUID(), ward, 37.56, 126.9, "LOITERING", "LOW", 20, "NEW", "DOOR_CAMERA",
                    "LOITERING", 1, at, at, List.of(), "NOT_REQUESTED", "NOT_TRIED", null, 1));
        }
        return list;
    }
}
