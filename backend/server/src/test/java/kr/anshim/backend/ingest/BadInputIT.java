package kr.anshim.backend.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.rsocket.exceptions.RejectedSetupException;
import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.device.DeviceRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets a clear answer, is counted by reason, and neither ends the stream
 * nor affects the good events around it. Connections without valid credentials are refused.
 */
@BackendIT
class BadInputIT {

    private static final DemoCity.Device CAMERA = TestDevices.nth(DeviceFamily.DOOR_CAMERA, 5);
    private static final DemoCity.Device OTHER_CAMERA = TestDevices.nth(DeviceFamily.DOOR_CAMERA, 6);

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeviceRegistry registry;

    RSocketRequester gateway;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
    }

    static Stream<Arguments> badEvents() {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        return Stream.of(
                Arguments.of("MALFORMED_JSON", "{\"eventId\": \"" + id + "\", "),
                Arguments.of("MALFORMED_JSON", "[1, 2, 3]"),
                Arguments.of("UNKNOWN_TYPE", event(id, CAMERA.id(), now, "SMOKE", "{}")),
                Arguments.of("SCHEMA_VIOLATION", "{\"eventId\":\"" + id + "\",\"occurredAt\":\"" + now + "\",\"type\":\"MOTION\"}"),
                Arguments.of("SCHEMA_VIOLATION", event(id, CAMERA.id(), now, "LOITERING", "{\"dwellSeconds\":\"long\"}")),
                Arguments.of("SCHEMA_VIOLATION", event(id, CAMERA.id(), now, "LOITERING", "{}")),
                Arguments.of("SCHEMA_VIOLATION", event("not-a-uuid", CAMERA.id(), now, "MOTION", "{}")),
                Arguments.of("SCHEMA_VIOLATION", event(id, CAMERA.id(), "yesterday", "MOTION", "{}")),
                Arguments.of("PAYLOAD_TOO_LARGE", event(id, CAMERA.id(), now, "MOTION",
                        "{\"note\":\"" + "x".repeat(EventValidation.MAX_BYTES) + "\"}")),
                Arguments.of("TIME_IN_FUTURE", event(id, CAMERA.id(), Instant.now().plus(Duration.ofHours(2)).toString(), "MOTION", "{}")),
                Arguments.of("TIME_TOO_OLD", event(id, CAMERA.id(), Instant.now().minus(Duration.ofDays(3)).toString(), "MOTION", "{}")),
                Arguments.of("UNKNOWN_DEVICE", event(id, "DC-99999-0001", now, "MOTION", "{}")),
                Arguments.of("TYPE_NOT_FOR_FAMILY", event(id, CAMERA.id(), now, "BELL_PRESSED", "{}")),
                Arguments.of("SCHEMA_VIOLATION", event(id, CAMERA.id(), "2026-11-23 22:15:03+09:00", "MOTION", "{}")),
                Arguments.of("WRONG_ROUTE", event(id, CAMERA.id(), now, "HEARTBEAT", "{}")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badEvents")
    void a_bad_event_is_answered_with_its_reason_and_counted(String reason, String json) {
        double before = rejected(reason);

        Ack ack = gateway.route(Routes.ALARM).data(json.getBytes(StandardCharsets.UTF_8))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(10));

        assertThat(ack.outcome()).isEqualTo(Ack.Outcome.REJECTED);
        assertThat(ack.reason()).isEqualTo(reason);
        assertThat(ack.message()).isNotBlank();
        assertThat(rejected(reason)).isEqualTo(before + 1);
    }

    @Test
    void bad_events_on_a_channel_do_not_end_it_or_lose_the_good_events_between_them() {
        UUID good1 = UUID.randomUUID();
        UUID good2 = UUID.randomUUID();
        String now = Instant.now().toString();
        Flux<byte[]> events = Flux.just(
                        event(good1.toString(), CAMERA.id(), now, "MOTION", "{}"),
                        "{oops",
                        event(UUID.randomUUID().toString(), "nobody", now, "MOTION", "{}"),
                        event(good2.toString(), OTHER_CAMERA.id(), now, "TAMPER", "{}"))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));

        List<Ack> acks = gateway.route(Routes.ALARMS).data(events).retrieveFlux(Ack.class)
                .collectList().block(Duration.ofSeconds(10));

        assertThat(acks).hasSize(4);
        assertThat(acks).filteredOn(Ack::durable).extracting(Ack::eventId).containsExactlyInAnyOrder(good1, good2);
        assertThat(acks).filteredOn(a -> !a.durable()).extracting(Ack::reason)
                .containsExactlyInAnyOrder("MALFORMED_JSON", "UNKNOWN_DEVICE");
    }

    @Test
    void a_device_connection_may_send_only_its_own_events() {
        RSocketRequester device = TestConnections.device(strategies, port, CAMERA);
        String theirs = event(UUID.randomUUID().toString(), OTHER_CAMERA.id(), Instant.now().toString(), "MOTION", "{}");
        String mine = event(UUID.randomUUID().toString(), CAMERA.id(), Instant.now().toString(), "MOTION", "{}");

        Ack refused = device.route(Routes.ALARM).data(theirs.getBytes(StandardCharsets.UTF_8)).retrieveMono(Ack.class).block();
        Ack stored = device.route(Routes.ALARM).data(mine.getBytes(StandardCharsets.UTF_8)).retrieveMono(Ack.class).block();

        assertThat(refused.reason()).isEqualTo("NOT_YOUR_DEVICE");
        assertThat(stored.outcome()).isEqualTo(Ack.Outcome.STORED);
        device.dispose();
    }

    @Test
    void a_device_connection_cannot_watch_the_live_incident_feed() {
        RSocketRequester device = TestConnections.device(strategies, port, CAMERA);
        StepVerifier.create(device.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("may not use this route"))
                .verify(Duration.ofSeconds(10));
        device.dispose();
    }

    @Test
    void a_connection_without_credentials_is_refused_with_a_clear_error() {
        RSocketRequester anonymous = RSocketRequester.builder().rsocketStrategies(strategies)
                .dataMimeType(org.springframework.http.MediaType.APPLICATION_JSON).tcp("127.0.0.1", port);
        StepVerifier.create(anonymous.route(Routes.ALARM).data("{}").retrieveMono(Ack.class))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RejectedSetupException.class)
                        .hasMessageContaining("credentials required"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void a_wrong_token_is_refused_at_setup() {
        RSocketRequester impostor = TestConnections.connect(strategies, port,
                ConnectionCredentials.device(CAMERA.id(), "guessed"));
        StepVerifier.create(impostor.route(Routes.ALARM).data("{}").retrieveMono(Ack.class))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RejectedSetupException.class)
                        .hasMessageContaining("refused DEVICE " + CAMERA.id()))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void a_revoked_device_is_refused_at_setup_and_its_relayed_events_are_refused() {
        DemoCity.Device stolen = TestDevices.nth(DeviceFamily.DOOR_CAMERA, 9);
        registry.revoke(stolen.id()).block(Duration.ofSeconds(10));

        RSocketRequester device = TestConnections.device(strategies, port, stolen);
        StepVerifier.create(device.route(Routes.ALARM).data("{}").retrieveMono(Ack.class))
                .expectError(RejectedSetupException.class)
                .verify(Duration.ofSeconds(10));
        String relayed = event(UUID.randomUUID().toString(), stolen.id(), Instant.now().toString(), "MOTION", "{}");
        Ack ack = gateway.route(Routes.ALARM).data(relayed.getBytes(StandardCharsets.UTF_8)).retrieveMono(Ack.class).block();
        assertThat(ack.reason()).isEqualTo("REVOKED_DEVICE");
    }

    private double rejected(String reason) {
        return meters.counter("anshim.ingest.rejected", "reason", reason).count();
    }

    private static String event(String id, String deviceId, String occurredAt, String type, String payload) {
        return "{\"eventId\":\"" + id + "\",\"deviceId\":\"" + deviceId + "\",\"occurredAt\":\"" + occurredAt
                + "\",\"type\":\"" + type + "\",\"payload\":" + payload + "}";
    }
}
