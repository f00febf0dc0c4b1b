package kr.anshim.backend.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit never keeps events back. With Reactor's fair-backpressure {@code bufferTimeout} a
 * partial batch could wait for further events that never came: about one run in 30 of exactly
 * 1,000 events left 846 of them in flight for good (and a crash test saw the journal stall for
 * minutes). Each round here sends a burst and then nothing, the case that hung.
 */
@BackendIT
class JournalBatchingIT {

    private static final List<DemoCity.Device> CAMERAS = TestDevices.CITY.devices().stream()
            .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA).toList();

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    MeterRegistry meters;

    @Autowired
    kr.anshim.backend.device.DeviceRegistry registry;

    @Test
    void every_burst_is_committed_and_answered_in_full_with_nothing_left_in_flight() {
        // other tests in this context revoke some cameras
        List<DemoCity.Device> cameras = CAMERAS.stream()
                .filter(d -> registry.find(d.id()).map(found -> !found.revoked()).orElse(false)).toList();
        for (int round = 0; round < 25; round++) {
            RSocketRequester gateway = TestConnections.gateway(strategies, port);
            Flux<byte[]> burst = Flux.range(0, 1000).map(i -> ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"deviceId\":\""
                    + cameras.get(i % cameras.size()).id() + "\",\"occurredAt\":\"" + Instant.now()
                    + "\",\"type\":\"MOTION\",\"payload\":{}}").getBytes(StandardCharsets.UTF_8));

            List<Ack> acks = gateway.route(Routes.ALARMS).data(burst).retrieveFlux(Ack.class)
                    .collectList().block(Duration.ofSeconds(20));

            assertThat(acks).as("round %d", round).hasSize(1000).allMatch(Ack::durable);
            assertThat(meters.get("anshim.journal.in.flight").gauge().value()).as("round %d", round).isZero();
            gateway.dispose();
        }
    }
}
