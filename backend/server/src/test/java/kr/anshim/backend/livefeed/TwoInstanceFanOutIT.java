package kr.anshim.backend.livefeed;

import kr.anshim.api.IncidentStatus;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand;
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
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two backend instances on one PostgreSQL: an alarm and a command handled by instance A reach a
 * screen subscribed to instance B, through LISTEN/NOTIFY.
 */
class TwoInstanceFanOutIT {

    private static final Path DB = Path.of("target", "cluster-db");

    @Test
    void changes_made_through_one_instance_reach_a_subscriber_of_the_other() throws Exception {
        DemoCity.Device camera = TestDevices.nth(DeviceFamily.DOOR_CAMERA, 20);
        DemoCity.Household home = TestDevices.household(camera);
        try (TestBackends.Instance a = TestBackends.start(DB, true);
             TestBackends.Instance b = TestBackends.start(DB, false)) {
            RSocketRequester deviceToA = TestConnections.gateway(a.bean(RSocketStrategies.class), a.rsocketPort());
            RSocketRequester screenOnA = TestConnections.ui(a.bean(RSocketStrategies.class), a.rsocketPort());
            RSocketRequester screenOnB = TestConnections.ui(b.bean(RSocketStrategies.class), b.rsocketPort());
            AtomicReference<UUID> openedOnA = new AtomicReference<>();

            StepVerifier.create(screenOnB.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                            .filter(i -> i.latitude() == home.latitude() && i.longitude() == home.longitude())
                            .take(2))
                    .then(() -> {
                        Ack ack = deviceToA.route(Routes.ALARM).data(TestDevices.event(camera, "LOITERING", Map.of("dwellSeconds", 300)))
                                .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
                        assertThat(ack.durable()).isTrue();
                    })
                    .assertNext(opened -> {
                        assertThat(opened.status()).isEqualTo(IncidentStatus.NEW);
                        openedOnA.set(opened.id());
                    })
                    .then(() -> {
                        IncidentCommand acknowledge = IncidentCommand.of(openedOnA.get(), IncidentCommand.Action.ACKNOWLEDGE, "op-on-a");
                        CommandResult result = screenOnA.route(Routes.INCIDENT_COMMAND).data(acknowledge)
                                .retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
                        assertThat(result.accepted()).isTrue();
                    })
                    .assertNext(acknowledged -> assertThat(acknowledged.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED))
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));
            deviceToA.dispose();
            screenOnA.dispose();
            screenOnB.dispose();
        } finally {
            EmbeddedPostgresEnvironment.stopEmbedded(DB);
        }
    }
}
