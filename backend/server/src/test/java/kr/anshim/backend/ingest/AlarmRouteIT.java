package kr.anshim.backend.ingest;

import kr.anshim.api.IncidentKind;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.Outcome;
import kr.anshim.api.SignalType;

import kr.anshim.api.Ack;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real RSocket client against the real server on port 0, over a real PostgreSQL. */
@BackendIT
class AlarmRouteIT {

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    RSocketRequester requester;

    @BeforeEach
    void connect() {
        requester = TestConnections.gateway(strategies, port);
    }

    @AfterEach
    void disconnect() {
        requester.dispose();
    }

    @Test
    void a_door_camera_alarm_is_acknowledged_only_once_it_is_in_the_database() {
        DemoCity.Device camera = TestDevices.first(DeviceFamily.DOOR_CAMERA);
        DeviceEvent event = TestDevices.event(camera, "LOITERING", Map.of("dwellSeconds", 240));

        Ack ack = requester.route(Routes.ALARM).data(event).retrieveMono(Ack.class).block(Duration.ofSeconds(10));

        assertThat(ack).isEqualTo(Ack.stored(event.eventId()));
        Long rows = db.sql("select count(*) as n from device_event where event_id = :id and incident_id is not null")
                .bind("id", event.eventId()).map(row -> row.get("n", Long.class)).one().block();
        assertThat(rows).isEqualTo(1L);
    }

    @Test
    void a_resend_after_a_lost_acknowledgement_is_answered_as_a_duplicate_and_stored_once() {
        DemoCity.Device camera = TestDevices.nth(DeviceFamily.DOOR_CAMERA, 1);
        DeviceEvent event = TestDevices.event(camera, "TAMPER", Map.of());

        Ack first = requester.route(Routes.ALARM).data(event).retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        Ack again = requester.route(Routes.ALARM).data(event).retrieveMono(Ack.class).block(Duration.ofSeconds(10));

        assertThat(first.outcome()).isEqualTo(Ack.Outcome.STORED);
        assertThat(again.outcome()).isEqualTo(Ack.Outcome.DUPLICATE);
        Long rows = db.sql("select count(*) as n from device_event where event_id = :id")
                .bind("id", event.eventId()).map(row -> row.get("n", Long.class)).one().block();
        assertThat(rows).isEqualTo(1L);
    }

    @Test
    void the_live_stream_shows_a_new_incident_for_a_forced_entry() {
        DemoCity.Device camera = TestDevices.nth(DeviceFamily.DOOR_CAMERA, 2);
        DemoCity.Household home = TestDevices.household(camera);
        DeviceEvent event = TestDevices.event(camera, "FORCED_ENTRY", Map.of());
        RSocketRequester screen = TestConnections.ui(strategies, port);
        Flux<IncidentView> live = screen.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(incident -> incident.lastSignal() == SignalType.FORCED_ENTRY
                        && incident.latitude() == home.latitude() && incident.longitude() == home.longitude());

        StepVerifier.create(live.take(1))
                .then(() -> requester.route(Routes.ALARM).data(event).retrieveMono(Ack.class).subscribe())
                .assertNext(incident -> {
                    assertThat(incident.kind()).isEqualTo(IncidentKind.INTRUSION);
                    assertThat(incident.wardCode()).isEqualTo(home.wardCode());
                    assertThat(incident.status()).isEqualTo(IncidentStatus.NEW);
                    assertThat(incident.reasons()).contains("FORCED_ENTRY +75");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        screen.dispose();
    }
}
