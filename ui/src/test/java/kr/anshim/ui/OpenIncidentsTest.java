package kr.anshim.ui;

import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.Severity;
import kr.anshim.api.SignalType;

import kr.anshim.api.IncidentStatus;

import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.LiveFrame.Type;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OpenIncidentsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T13:00:00Z");

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void the_newest_version_wins_tombstones_remove_and_the_queue_ranks_by_score_then_age() {
        OpenIncidents open = new OpenIncidents();

        open.apply(snapshot(view(a, 40, "NEW", T0, 3), view(b, 90, "NEW", T0.plusSeconds(5), 1), view(c, 40, "NEW", T0.minusSeconds(60), 1)));
        // a late, older state: its updatedAt is later (clocks of two instances differ), its version is not
        open.apply(List.of(change(updatedAt(view(a, 30, "NEW", T0, 2), T0.plusSeconds(99)))));
        assertThat(open.get(a).orElseThrow().score()).as("a late, older state is ignored").isEqualTo(40);
        assertThat(open.ranked()).extracting(IncidentView::id).containsExactly(b, c, a);
        open.apply(List.of(change(view(a, 50, "NEW", T0, 4))));
        assertThat(open.get(a).orElseThrow().score()).as("positive control: a newer state applies").isEqualTo(50);

        OpenIncidents.Changes changes = open.apply(List.of(change(view(b, 90, "RESOLVED", T0.plusSeconds(5), 2))));
        assertThat(changes.removed()).containsExactly(b);
        assertThat(open.ranked()).extracting(IncidentView::id).containsExactly(a, c);
        assertThat(open.size()).isEqualTo(2);
    }

    @Test
    void a_resubscription_replaces_the_model_at_the_marker_so_incidents_closed_meanwhile_leave() {
        OpenIncidents open = new OpenIncidents();
        open.apply(snapshot(view(a, 40, "NEW", T0, 1), view(b, 40, "NEW", T0, 1)));
        assertThat(open.all()).extracting(IncidentView::id).containsExactlyInAnyOrder(a, b);

        // reconnected: b closed while the screen was away and never sends a tombstone to this screen
        open.apply(List.of(LiveFrame.begin(), LiveFrame.snapshot(view(a, 40, "ACKNOWLEDGED", T0, 2))));
        assertThat(open.all()).as("until the marker, the screen keeps what it had")
                .extracting(IncidentView::id).containsExactlyInAnyOrder(a, b);
        OpenIncidents.Changes changes = open.apply(List.of(LiveFrame.snapshot(view(c, 60, "NEW", T0, 1)), LiveFrame.marker()));

        assertThat(open.all()).extracting(IncidentView::id).containsExactlyInAnyOrder(a, c);
        assertThat(open.get(a).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(changes.removed()).containsExactly(b);
        assertThat(changes.upserted()).extracting(IncidentView::id).containsExactlyInAnyOrder(a, c);
    }

    @Test
    void a_reconnection_cut_off_mid_snapshot_starts_over_at_the_next_begin() {
        OpenIncidents open = new OpenIncidents();
        open.apply(snapshot(view(a, 40, "NEW", T0, 1)));
        // first reconnection: part of a snapshot holding b, then the connection drops again
        open.apply(List.of(LiveFrame.begin(), LiveFrame.snapshot(view(b, 40, "NEW", T0, 1))));
        // b closed meanwhile; the next subscription's snapshot has only c
        open.apply(List.of(LiveFrame.begin(), LiveFrame.snapshot(view(c, 40, "NEW", T0, 1)), LiveFrame.marker()));
        assertThat(open.all()).extracting(IncidentView::id).containsExactly(c);
    }

    private static List<LiveFrame> snapshot(IncidentView... incidents) {
        List<LiveFrame> frames = new java.util.ArrayList<>();
        frames.add(LiveFrame.begin());
        for (IncidentView incident : incidents) {
            frames.add(LiveFrame.snapshot(incident));
        }
        frames.add(LiveFrame.marker());
        return frames;
    }

    private static LiveFrame change(IncidentView incident) {
        LiveFrame frame = LiveFrame.change(incident);
        assertThat(frame.type()).isEqualTo(incident.status().isClosed() ? Type.TOMBSTONE : Type.CHANGE);
        return frame;
    }

    private static IncidentView updatedAt(IncidentView v, Instant at) {
        return new IncidentView(v.id(), v.wardCode(), v.latitude(), v.longitude(), v.kind(), v.severity(), v.score(),
                v.status(), v.family(), v.lastSignal(), v.signals(), v.openedAt(), at, v.reasons(), v.call112(),
                v.callback(), v.outcome(), v.version());
    }

    private static IncidentView view(UUID id, int score, String status, Instant opened, long version) {
        return new IncidentView(id, "11440", 37.56, 126.90, IncidentKind.LOITERING, Severity.of(score), score,
                IncidentStatus.valueOf(status), DeviceFamily.DOOR_CAMERA, SignalType.LOITERING, 1, opened,
                opened.plusSeconds(version), List.of(), Call112Status.NOT_REQUESTED, CallbackStatus.NOT_TRIED, null, version);
    }
}
