package kr.anshim.backend.operations;

import kr.anshim.api.Ack;
import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.CommandResult;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.api.TransitionView;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every incident a user's screen receives says what that user may do next, worked out by the
 * backend's state machine for the user's role: in the live feed, in a command's answer and in the
 * detail. An operator and a police liaison are told different steps for the same incident.
 */
@BackendIT
class NextStepsIT {

    /** 마포구's last door camera, which no other test uses. */
    private static final DemoCity.Device CAMERA = TestDevices.CITY.devices().stream()
            .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA && d.id().startsWith("DC-11440-")).reduce((a, b) -> b).orElseThrow();

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    RSocketRequester gateway;
    RSocketRequester operator;
    RSocketRequester police;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        operator = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
        police = TestConnections.signedIn(strategies, port, "police.mapo", "anshim-demo");
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        operator.dispose();
        police.dispose();
    }

    @Test
    void an_operator_and_a_police_liaison_are_told_their_own_next_steps_for_the_same_incident() {
        IncidentView raised = raise();
        IncidentView forOperator = live(operator, raised);
        assertThat(forOperator.next().actions()).containsExactlyInAnyOrder(Action.ACKNOWLEDGE, Action.FALSE_ALARM,
                Action.CANCEL, Action.NOTE, Action.CALL_112, Action.CALLBACK);
        assertThat(forOperator.next().call112()).containsExactly(Call112Status.REQUESTED);
        assertThat(forOperator.next().callback()).containsExactly(CallbackStatus.CALLING);
        IncidentView forPolice = live(police, raised);
        assertThat(forPolice.next().actions()).containsExactly(Action.NOTE); // police never start a hand-off
        assertThat(forPolice.next().call112()).isEmpty();

        CommandResult requested = command(operator, IncidentCommand.of(raised.id(), Action.CALL_112, null).withValue("REQUESTED"));
        assertThat(requested.accepted()).isTrue();
        assertThat(requested.incident().next().call112()).containsExactly(Call112Status.ACCEPTED, Call112Status.NOT_REQUESTED);

        IncidentView policeNow = live(police, requested.incident());
        assertThat(policeNow.next().actions()).containsExactlyInAnyOrder(Action.NOTE, Action.CALL_112);
        assertThat(policeNow.next().call112()).containsExactly(Call112Status.ACCEPTED);
        IncidentDetail detail = police.route(Routes.INCIDENT_DETAIL).data(raised.id().toString())
                .retrieveMono(IncidentDetail.class).block(Duration.ofSeconds(10));
        assertThat(detail.incident().next().call112()).containsExactly(Call112Status.ACCEPTED);

        CommandResult accepted = command(police, IncidentCommand.of(raised.id(), Action.CALL_112, null).withValue("ACCEPTED"));
        assertThat(accepted.accepted()).isTrue();
        assertThat(accepted.incident().next().call112()).containsExactly(Call112Status.PATROL_ASSIGNED);
        assertThat(accepted.incident().next().actions()).doesNotContain(Action.ACKNOWLEDGE, Action.RESOLVE);

        // the note the police screen offers is taken, under the liaison's own name, into the audit trail
        CommandResult note = command(police, IncidentCommand.of(raised.id(), Action.NOTE, "someone-else").withNote("순찰차 현장 확인"));
        assertThat(note.accepted()).isTrue();
        List<TransitionView> trail = police.route(Routes.INCIDENT_HISTORY).data(raised.id().toString())
                .retrieveFlux(TransitionView.class).collectList().block(Duration.ofSeconds(10));
        assertThat(trail).anySatisfy(t -> {
            assertThat(t.kind()).isEqualTo("NOTE");
            assertThat(t.actor()).isEqualTo("police.mapo");
            assertThat(t.note()).isEqualTo("순찰차 현장 확인");
        });
    }

    /**
     * A NEW incident at the camera's household. 마포구 has only four ordinary households in the test
     * city, so other tests may have left this one's incident acknowledged: it is then closed as a
     * false alarm, and the next alarm within the grace period reopens it as NEW.
     */
    private IncidentView raise() {
        IncidentView found = alarm();
        if (found.status() != kr.anshim.api.IncidentStatus.NEW) {
            CommandResult closed = command(operator, IncidentCommand.of(found.id(), Action.FALSE_ALARM, null)
                    .withNote("NextStepsIT: left open by another test"));
            assertThat(closed.accepted()).as(closed.error()).isTrue();
            found = alarm();
        }
        assertThat(found.status()).isEqualTo(kr.anshim.api.IncidentStatus.NEW);
        return found;
    }

    private IncidentView alarm() {
        Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(CAMERA, "TAMPER", Map.of())).retrieveMono(Ack.class)
                .block(Duration.ofSeconds(10));
        assertThat(ack.durable()).isTrue();
        DemoCity.Household home = TestDevices.household(CAMERA);
        return operator.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> i.latitude() == home.latitude() && i.longitude() == home.longitude() && i.status().open())
                .blockFirst(Duration.ofSeconds(10));
    }

    private static IncidentView live(RSocketRequester connection, IncidentView incident) {
        return connection.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> i.id().equals(incident.id()) && i.version() >= incident.version())
                .blockFirst(Duration.ofSeconds(10));
    }

    private static CommandResult command(RSocketRequester connection, IncidentCommand command) {
        return connection.route(Routes.INCIDENT_COMMAND).data(command).retrieveMono(CommandResult.class)
                .block(Duration.ofSeconds(10));
    }
}
