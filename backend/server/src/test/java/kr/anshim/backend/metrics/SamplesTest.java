package kr.anshim.backend.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplesTest {

    @Test
    void nearest_rank_is_the_value_at_rank_ceil_p_times_n_over_100() {
        Samples samples = of(50, 15, 40, 20, 35);

        assertThat(samples.percentile(5)).isEqualTo(seconds(15));
        assertThat(samples.percentile(30)).isEqualTo(seconds(20));
        assertThat(samples.percentile(40)).isEqualTo(seconds(20));
        assertThat(samples.percentile(50)).isEqualTo(seconds(35));
        assertThat(samples.percentile(90)).isEqualTo(seconds(50));
        assertThat(samples.percentile(100)).isEqualTo(seconds(50));
    }

    @Test
    void of_ten_values_p50_is_the_fifth_p90_the_ninth_and_p95_the_tenth() {
        Samples samples = of(IntStream.rangeClosed(1, 10).map(i -> 11 - i).toArray());

        assertThat(samples.percentile(50)).isEqualTo(seconds(5));
        assertThat(samples.percentile(90)).isEqualTo(seconds(9));
        assertThat(samples.percentile(95)).isEqualTo(seconds(10));
    }

    @Test
    void a_single_value_is_every_percentile_and_no_values_give_none() {
        assertThat(of(7).percentile(1)).isEqualTo(seconds(7));
        assertThat(of(7).percentile(100)).isEqualTo(seconds(7));
        assertThat(of().percentile(50)).isNull();
        assertThat(of().shareWithin(Duration.ofSeconds(30))).isNull();
    }

    @Test
    void the_share_within_target_includes_values_exactly_on_the_target() {
        Samples samples = of(10, 30, 31, 29);

        assertThat(samples.shareWithin(Duration.ofSeconds(30))).isEqualTo(0.75);
    }

    @Test
    void ranks_are_exact_for_large_counts() {
        assertThat(Samples.nearestRank(90, 1_000_001)).isEqualTo(900_001);
        assertThat(Samples.nearestRank(1, 1)).isEqualTo(1);
        assertThatThrownBy(() -> of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Samples of(int... seconds) {
        Samples samples = new Samples();
        for (int s : seconds) {
            samples.add(Duration.ofSeconds(s));
        }
        return samples;
    }

    private static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
