package kr.anshim.ui.alarm;

import kr.anshim.api.FloodState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleFloodTest {

    private static final Instant SINCE = Instant.parse("2026-12-01T13:00:00Z");

    @Test
    void a_console_is_in_flood_while_the_backend_says_one_of_its_wards_is_and_shows_that_wards_count() {
        ConsoleFlood flood = ConsoleFlood.of(List.of(new FloodState("11440", false, null, 9),
                new FloodState("11620", true, SINCE, 7), new FloodState("11710", false, null, 3)));
        assertThat(flood).isEqualTo(new ConsoleFlood(true, 7));
    }

    @Test
    void a_busy_ward_the_backend_does_not_call_a_flood_is_no_flood_and_no_answer_is_no_flood() {
        // 9 presented and falling: the backend left (or never entered) the flood; the console follows it, not the count
        assertThat(ConsoleFlood.of(List.of(new FloodState("11440", false, null, 9), new FloodState("11620", false, null, 2))))
                .isEqualTo(new ConsoleFlood(false, 9));
        assertThat(ConsoleFlood.of(List.of())).isEqualTo(ConsoleFlood.NONE);
    }
}
