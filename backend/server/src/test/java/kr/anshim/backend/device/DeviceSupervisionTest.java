package kr.anshim.backend.device;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kr.anshim.backend.VirtualClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Heartbeat supervision in virtual time: three missed 30-second heartbeats make a silence, once. */
class DeviceSupervisionTest {

    private static final Instant START = Instant.parse("2026-11-23T13:00:00Z");
    private static final Duration CHECK = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void a_device_that_misses_three_heartbeats_is_reported_once_and_again_only_after_it_was_heard() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        VirtualClock clock = new VirtualClock(scheduler, START);
        DeviceSupervision supervision = new DeviceSupervision(new SimpleMeterRegistry());
        supervision.heard("EB-1", START);
        supervision.heard("DC-2", START);

        StepVerifier.withVirtualTime(() -> supervision.silences(clock, CHECK, TIMEOUT), () -> scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> scheduler.schedule(() -> supervision.heard("DC-2", clock.instant()), 60, java.util.concurrent.TimeUnit.SECONDS))
                .expectNoEvent(Duration.ofSeconds(90))
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(silence -> {
                    assertThat(silence.deviceId()).isEqualTo("EB-1");
                    assertThat(silence.lastSeen()).isEqualTo(START);
                    assertThat(silence.detectedAt()).isEqualTo(START.plusSeconds(100));
                })
                .then(() -> supervision.heard("EB-1", clock.instant()))
                // DC-2 was last heard at 60 s: silent past 150 s, seen by the check at 160 s
                .expectNoEvent(Duration.ofSeconds(50))
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(silence -> assertThat(silence.deviceId()).isEqualTo("DC-2"))
                // EB-1 was heard again at 100 s: reported again only at the check at 200 s
                .expectNoEvent(Duration.ofSeconds(30))
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(silence -> assertThat(silence.deviceId()).isEqualTo("EB-1"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void a_device_never_heard_from_is_not_supervised() {
        DeviceSupervision supervision = new DeviceSupervision(new SimpleMeterRegistry());
        assertThat(supervision.sweep(START.plus(Duration.ofDays(1)), TIMEOUT)).isEmpty();
    }
}
