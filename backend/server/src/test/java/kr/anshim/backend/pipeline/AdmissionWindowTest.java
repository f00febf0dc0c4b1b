package kr.anshim.backend.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionWindowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void the_window_follows_the_commit_rate_times_the_queue_time_within_its_bounds() {
        AdmissionWindow window = new AdmissionWindow(2_000, 8_000, Duration.ofMillis(250));
        assertThat(window.limit()).as("before any commit: the ceiling").isEqualTo(8_000);

        long t = SECOND;
        window.committed(1_000, t);
        for (int i = 0; i < 50; i++) {       // 1,000 events every 50 ms: 20,000/s
            t += SECOND / 20;
            window.committed(1_000, t);
        }
        assertThat(window.limit()).isEqualTo(5_000);

        for (int i = 0; i < 50; i++) {       // a slow database: 1,000 events every 500 ms
            t += SECOND / 2;
            window.committed(1_000, t);
        }
        assertThat(window.limit()).as("never below the floor, which keeps full batches").isEqualTo(2_000);

        for (int i = 0; i < 50; i++) {       // very fast: 1,000 every 10 ms
            t += SECOND / 100;
            window.committed(1_000, t);
        }
        assertThat(window.limit()).as("never above the ceiling").isEqualTo(8_000);
    }
}
