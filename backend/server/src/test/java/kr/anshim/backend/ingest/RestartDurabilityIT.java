package kr.anshim.backend.ingest;

import kr.anshim.api.IncidentKind;

import kr.anshim.api.Ack;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.backend.TestBackends;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.storage.EmbeddedPostgresEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the backend and its PostgreSQL, starts them again on the same data directory, and finds
 * every acknowledged event still there, and the open incidents back on the live feed.
 */
class RestartDurabilityIT {

    private static final Path DB = Path.of("target", "restart-db");

    @Test
    void every_acknowledged_event_survives_a_restart_of_backend_and_database() throws Exception {
        List<DemoCity.Device> cameras = TestDevices.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA).limit(40).toList();
        List<DeviceEvent> events = java.util.stream.IntStream.range(0, 400)
                .mapToObj(i -> new DeviceEvent(UUID.randomUUID(), cameras.get(i % cameras.size()).id(), Instant.now(),
                        i % 10 == 0 ? "LOITERING" : "MOTION", i % 10 == 0 ? Map.of("dwellSeconds", 90) : Map.of()))
                .toList();

        Set<UUID> acknowledged;
        try (TestBackends.Instance first = TestBackends.start(DB, true)) {
            RSocketRequester gateway = TestConnections.gateway(first.bean(RSocketStrategies.class), first.rsocketPort());
            acknowledged = gateway.route(Routes.ALARMS).data(Flux.fromIterable(events)).retrieveFlux(Ack.class)
                    .filter(Ack::durable).map(Ack::eventId)
                    .collect(Collectors.toSet()).block(Duration.ofSeconds(60));
            gateway.dispose();
        }
        EmbeddedPostgresEnvironment.stopEmbedded(DB);
        assertThat(acknowledged).hasSize(events.size());

        try (TestBackends.Instance second = TestBackends.start(DB, false)) {
            Long stored = second.bean(DatabaseClient.class)
                    .sql("select count(*) as n from device_event where event_id = any($1::uuid[])")
                    .bind(0, acknowledged.toArray(UUID[]::new))
                    .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
            assertThat(stored).isEqualTo((long) acknowledged.size());

            RSocketRequester screen = TestConnections.ui(second.bean(RSocketStrategies.class), second.rsocketPort());
            List<IncidentView> open = screen.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                    .take(Duration.ofSeconds(3)).collectList().block(Duration.ofSeconds(10));
            assertThat(open).extracting(IncidentView::kind).contains(IncidentKind.LOITERING);
            screen.dispose();
        } finally {
            EmbeddedPostgresEnvironment.stopEmbedded(DB);
        }
    }
}
