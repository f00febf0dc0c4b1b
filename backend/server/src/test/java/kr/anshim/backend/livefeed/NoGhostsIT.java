package kr.anshim.backend.livefeed;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.BaseSubscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No ghosts: incidents closed while a screen's snapshot is on its way, and while the screen is
 * disconnected, do not stay on it. A screen model that follows the protocol ends equal to the
 * database's open incidents.
 */
@BackendIT
class NoGhostsIT {

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    RSocketRequester gateway;
    RSocketRequester screen;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        screen = TestConnections.ui(strategies, port);
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        screen.dispose();
    }

    @Test
    void incidents_closed_during_a_snapshot_and_during_a_reconnect_leave_the_screen() {
        List<UUID> raised = IntStream.range(0, 8).mapToObj(n -> raise(TestDevices.nth(DeviceFamily.DOOR_CAMERA, 60 + n))).toList();
        ScreenModel model = new ScreenModel();

        // 1. The screen reads slowly: BEGIN (sent once the snapshot is read) and one snapshot item, then nothing.
        Frames first = new Frames(model, 2);
        screen.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).subscribe(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.received.size() == 2);
        assertThat(first.received.get(0).type()).isEqualTo(LiveFrame.Type.BEGIN);
        // closed after the snapshot was read, before the screen has it
        List<UUID> closedDuringSnapshot = raised.subList(0, 3);
        closedDuringSnapshot.forEach(this::cancel);
        first.request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(model.open()).isEqualTo(openInDatabase()));
        assertThat(model.open()).containsAll(raised.subList(3, 8)).doesNotContainAnyElementsOf(closedDuringSnapshot);
        // the scenario happened: the stale open state of the closed ones did come in the snapshot, their tombstones after
        assertThat(first.ids(LiveFrame.Type.SNAPSHOT)).containsAll(closedDuringSnapshot);
        assertThat(first.ids(LiveFrame.Type.TOMBSTONE)).containsAll(closedDuringSnapshot);

        // 2. The screen drops off; incidents close meanwhile; it resubscribes with the model it kept.
        first.dispose();
        List<UUID> closedWhileAway = raised.subList(3, 6);
        closedWhileAway.forEach(this::cancel);
        assertThat(model.open()).containsAll(closedWhileAway); // not yet corrected: the screen was away
        Frames second = new Frames(model, Long.MAX_VALUE);
        screen.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).subscribe(second);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(second.received).extracting(LiveFrame::type).contains(LiveFrame.Type.MARKER);
            assertThat(model.open()).isEqualTo(openInDatabase());
        });
        assertThat(model.open()).containsAll(raised.subList(6, 8)).doesNotContainAnyElementsOf(raised.subList(0, 6));
        second.dispose();
    }

    private UUID raise(DemoCity.Device camera) {
        Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(camera, "FORCED_ENTRY", Map.of()))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        assertThat(ack.durable()).isTrue();
        return db.sql("select id from incident where household_id = $1 and closed_at is null")
                .bind(0, camera.householdId()).map(row -> row.get("id", UUID.class)).one().block(Duration.ofSeconds(10));
    }

    private void cancel(UUID incident) {
        CommandResult result = screen.route(Routes.INCIDENT_COMMAND)
                .data(IncidentCommand.of(incident, IncidentCommand.Action.CANCEL, "op-ghostbuster"))
                .retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
        assertThat(result.accepted()).as(String.valueOf(result.error())).isTrue();
    }

    private Set<UUID> openInDatabase() {
        return new HashSet<>(db.sql("select id from incident" + kr.anshim.backend.incident.IncidentStore.WHERE_OPEN)
                .map(row -> row.get("id", UUID.class)).all().collectList().block(Duration.ofSeconds(10)));
    }

    /** A screen that follows the protocol, like the UI's OpenIncidents. */
    static final class ScreenModel {
        private Map<UUID, IncidentView> open = new HashMap<>();
        private Map<UUID, IncidentView> loading;

        synchronized void apply(LiveFrame frame) {
            switch (frame.type()) {
                case BEGIN -> loading = new HashMap<>();
                case SNAPSHOT -> loading.put(frame.incident().id(), frame.incident());
                case MARKER -> {
                    open = loading;
                    loading = null;
                }
                case CHANGE, TOMBSTONE -> {
                    Map<UUID, IncidentView> target = loading != null ? loading : open;
                    IncidentView known = target.get(frame.incident().id());
                    if (known != null && known.version() > frame.incident().version()) {
                        return;
                    }
                    if (frame.type() == LiveFrame.Type.TOMBSTONE) {
                        target.remove(frame.incident().id());
                    } else {
                        target.put(frame.incident().id(), frame.incident());
                    }
                }
            }
        }

        synchronized Set<UUID> open() {
            return new HashSet<>(open.keySet());
        }
    }

    /** Reads frames into the model, asking for {@code initial} at first. */
    static final class Frames extends BaseSubscriber<LiveFrame> {
        final List<LiveFrame> received = Collections.synchronizedList(new ArrayList<>());
        private final ScreenModel model;
        private final long initial;

        Frames(ScreenModel model, long initial) {
            this.model = model;
            this.initial = initial;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(initial);
        }

        @Override
        protected void hookOnNext(LiveFrame frame) {
            model.apply(frame);
            received.add(frame);
        }

        List<UUID> ids(LiveFrame.Type type) {
            synchronized (received) {
                return received.stream().filter(f -> f.type() == type && f.incident() != null).map(f -> f.incident().id()).toList();
            }
        }
    }
}
