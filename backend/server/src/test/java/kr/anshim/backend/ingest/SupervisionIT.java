package kr.anshim.backend.ingest;

import kr.anshim.api.IncidentKind;
import kr.anshim.api.Severity;
import kr.anshim.api.SignalType;

import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end over RSocket with fast supervision settings (the "it" profile: three missed
 * 1-second heartbeats): a protected person's bell that falls silent raises a high-ranked
 * protection-gap incident on the live feed.
 */
@BackendIT
class SupervisionIT {

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Test
    void a_protected_persons_bell_that_stops_heartbeating_raises_a_protection_gap() {
        DemoCity.Device bell = TestDevices.nth(DeviceFamily.EMERGENCY_BELL, 3);
        DemoCity.Household home = TestDevices.household(bell);
        assertThat(home.protectedPerson()).isTrue();
        RSocketRequester device = TestConnections.device(strategies, port, bell);
        RSocketRequester screen = TestConnections.ui(strategies, port);

        device.route(Routes.HEARTBEAT).data(TestDevices.event(bell, "HEARTBEAT", Map.of())).send().block(Duration.ofSeconds(5));

        StepVerifier.create(screen.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                        .filter(i -> i.lastSignal() == SignalType.PROTECTION_GAP && i.latitude() == home.latitude()
                                && i.longitude() == home.longitude())
                        .take(1))
                .assertNext(incident -> {
                    assertThat(incident.kind()).isEqualTo(IncidentKind.DEVICE_OFFLINE);
                    assertThat(incident.severity()).isIn(Severity.HIGH, Severity.CRITICAL);
                    assertThat(incident.reasons()).contains("PROTECTION_GAP +65", "PROTECTED_PERSON +20");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        device.dispose();
        screen.dispose();
    }
}
