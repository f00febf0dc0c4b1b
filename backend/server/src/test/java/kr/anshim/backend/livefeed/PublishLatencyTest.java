package kr.anshim.backend.livefeed;

import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.Severity;
import kr.anshim.api.SignalType;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kr.anshim.api.IncidentView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PublishLatencyTest {

    private static final Instant T0 = Instant.parse("2025-11-21T01:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(T0);
    private final PublishLatency latency = new PublishLatency(clock, meters);
    private final UUID id = UUID.randomUUID();

    @Test
    void each_change_is_timed_from_its_updated_at_to_its_publication() {
        clock.now = T0.plusMillis(250);
        latency.published(view("NEW", T0));
        clock.now = T0.plusMillis(1_100);
        latency.published(view("ACKNOWLEDGED", T0.plusMillis(1_000)));

        assertThat(timer().count()).isEqualTo(2);
        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(350.0);
        assertThat(timer().max(TimeUnit.MILLISECONDS)).isEqualTo(250.0);
    }

    @Test
    void a_republication_without_a_change_such_as_aging_is_not_timed_again() {
        clock.now = T0.plusMillis(10);
        latency.published(view("NEW", T0));
        clock.now = T0.plus(Duration.ofMinutes(5));
        latency.published(view("NEW", T0));

        assertThat(timer().count()).isEqualTo(1);
        assertThat(timer().max(TimeUnit.MILLISECONDS)).isEqualTo(10.0);
    }

    @Test
    void an_ended_incident_is_timed_and_forgotten_and_a_reopening_is_a_new_change() {
        clock.now = T0.plusMillis(10);
        latency.published(view("NEW", T0));
        clock.now = T0.plusMillis(2_020);
        latency.published(view("RESOLVED", T0.plusMillis(2_000)));

        assertThat(latency.remembered()).isZero();

        clock.now = T0.plusMillis(60_030);
        latency.published(view("NEW", T0.plusMillis(60_000)));

        assertThat(timer().count()).isEqualTo(3);
        assertThat(timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(60.0);
        assertThat(latency.remembered()).isEqualTo(1);
    }

    private Timer timer() {
        return meters.get("anshim.livefeed.latency").timer();
    }

    private IncidentView view(String status, Instant updatedAt) {
        return new IncidentView(id, "11440", 37.56, 126.9, IncidentKind.INTRUSION, Severity.HIGH, 70, IncidentStatus.valueOf(status),
                DeviceFamily.DOOR_CAMERA, SignalType.FORCED_ENTRY, 1, T0, updatedAt, List.of(),
                Call112Status.NOT_REQUESTED, CallbackStatus.NOT_TRIED, null, 1);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
