package kr.anshim.backend.livefeed;

import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.Severity;
import kr.anshim.api.SignalType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.LiveFrame.Type;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The incidents.live protocol over a real LiveFeed: snapshot, marker, only newer changes; a slow screen costs one state per incident. */
class LiveFeedProtocolTest {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LiveFeed feed = new LiveFeed(meters, Clock.fixed(T0, ZoneOffset.UTC));

    private final UUID a = new UUID(0, 1);
    private final UUID b = new UUID(0, 2);

    @Test
    void changes_buffered_while_the_snapshot_is_read_are_sent_only_if_newer_than_the_snapshot() {
        ConflatingBuffer<UUID, IncidentView> changes = feed.listen(incident -> true);
        // published after the listener was registered, before the snapshot was read: the snapshot holds v3 of a
        feed.publish(view(a, "NEW", 2));
        feed.publish(view(a, "ACKNOWLEDGED", 3));
        feed.publish(view(b, "NEW", 1));
        List<IncidentView> snapshot = List.of(view(a, "ACKNOWLEDGED", 3));

        StepVerifier.create(LiveFeedRoutes.frames(snapshot, changes.flux()), 0)
                .thenRequest(3)
                .expectNext(LiveFrame.begin(), LiveFrame.snapshot(view(a, "ACKNOWLEDGED", 3)), LiveFrame.marker())
                .thenRequest(1)
                // a's v2 and v3 were conflated to v3, which the snapshot already holds: only b is new
                .expectNext(new LiveFrame(Type.CHANGE, view(b, "NEW", 1)))
                .then(() -> {
                    feed.publish(view(a, "RESOLVED", 4));
                    feed.publish(view(a, "ACKNOWLEDGED", 3)); // a late, older state: never after the newer one
                })
                .thenRequest(5)
                .expectNext(new LiveFrame(Type.TOMBSTONE, view(a, "RESOLVED", 4)))
                .expectNoEvent(java.time.Duration.ofMillis(50))
                .thenCancel()
                .verify();
        assertThat(meters.get("anshim.livefeed.subscribers").gauge().value()).isZero();
    }

    @Test
    void a_screen_that_stops_reading_while_ten_thousand_changes_flow_costs_one_state_per_incident() {
        ConflatingBuffer<UUID, IncidentView> changes = feed.listen(incident -> true);
        List<LiveFrame> received = new ArrayList<>();
        StepVerifier.create(LiveFeedRoutes.frames(List.of(), changes.flux()), 0)
                .thenRequest(2)
                .expectNext(LiveFrame.begin(), LiveFrame.marker())
                .then(() -> {
                    for (int n = 0; n < 10_000; n++) {
                        feed.publish(view(new UUID(1, n % 50), "NEW", n / 50 + 1));
                    }
                })
                .then(() -> assertThat(meters.get("anshim.livefeed.buffered").gauge().value()).isEqualTo(50.0))
                .then(() -> assertThat(meters.get("anshim.livefeed.changes").tag("outcome", "conflated").counter().count())
                        .isEqualTo(10_000 - 50))
                // positive control: what was kept is every incident's newest state, and it all arrives
                .thenRequest(Long.MAX_VALUE)
                .recordWith(() -> received)
                .expectNextCount(50)
                .then(() -> assertThat(meters.get("anshim.livefeed.buffered").gauge().value()).isZero())
                .thenCancel()
                .verify();
        Map<UUID, Long> newest = new HashMap<>();
        received.forEach(frame -> newest.put(frame.incident().id(), frame.incident().version()));
        assertThat(newest).hasSize(50).allSatisfy((id, version) -> assertThat(version).isEqualTo(200L));
        assertThat(meters.get("anshim.livefeed.subscribers").gauge().value()).isZero();
    }

    static IncidentView view(UUID id, String status, long version) {
        return new IncidentView(id, "11440", 37.56, 126.9, IncidentKind.INTRUSION, Severity.HIGH, 70, IncidentStatus.valueOf(status),
                DeviceFamily.DOOR_CAMERA, SignalType.FORCED_ENTRY, 1, T0, T0.plusSeconds(version), List.of(),
                Call112Status.NOT_REQUESTED, CallbackStatus.NOT_TRIED, null, version);
    }
}
