package kr.anshim.backend.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryPeriodTest {

    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void a_period_must_start_before_it_ends() {
        assertThatThrownBy(() -> QueryPeriod.of(FROM.plusSeconds(1), FROM, List.of())).isInstanceOf(InvalidQuery.class)
                .hasMessage("from (2025-01-01T00:00:01Z) must be before to (2025-01-01T00:00:00Z)");
        assertThatThrownBy(() -> QueryPeriod.of(FROM, FROM, List.of())).hasMessageContaining("must be before");
        assertThatThrownBy(() -> QueryPeriod.of(null, FROM, List.of())).hasMessageContaining("from and to are required");
    }

    @Test
    void a_period_may_cover_at_most_400_days() {
        assertThat(QueryPeriod.of(FROM, FROM.plus(Duration.ofDays(400)), null).wards()).isEmpty();
        assertThatThrownBy(() -> QueryPeriod.of(FROM, FROM.plus(Duration.ofDays(400)).plusNanos(1_000), List.of()))
                .isInstanceOf(InvalidQuery.class)
                .hasMessageContaining("at most 400 days");
    }

    @Test
    void wards_are_checked_against_the_25_wards() {
        assertThat(QueryPeriod.of(FROM, FROM.plusSeconds(1), List.of(" 11440", "11440", "11110")).wards())
                .containsExactly("11440", "11110");
        assertThatThrownBy(() -> QueryPeriod.of(FROM, FROM.plusSeconds(1), List.of("99999")))
                .isInstanceOf(InvalidQuery.class)
                .hasMessageContaining("unknown ward code '99999'");
    }
}
