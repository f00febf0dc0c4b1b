package kr.anshim.backend.operations;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.ResponderView;
import kr.anshim.api.Routes;
import kr.anshim.api.TransitionView;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.responder.ResponderRoster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A whole incident over real RSocket connections on the embedded PostgreSQL: every step is an
 * accepted command, stored in order in the append-only audit trail with who and when, and the
 * dispatched responder follows the incident.
 */
@BackendIT
class IncidentCommandsIT {

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    @Autowired
    ResponderRoster roster;

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
    void an_incident_from_alarm_to_resolution_leaves_a_complete_ordered_audit_trail() {
        DemoCity.Device camera = TestDevices.nth(DeviceFamily.DOOR_CAMERA, 12);
        IncidentView incident = raise(camera);
        UUID id = incident.id();
        ResponderView guard = roster.all().stream()
                .filter(r -> r.wardCode().equals(incident.wardCode()) && r.status().equals("AVAILABLE")
                        && r.kind().equals("SECURITY_GUARD"))
                .findFirst().orElseThrow();

        accept(IncidentCommand.of(id, Action.ACKNOWLEDGE, "op-kim"));
        accept(IncidentCommand.of(id, Action.CALLBACK, "op-kim").withValue("CALLING"));
        accept(IncidentCommand.of(id, Action.CALLBACK, "op-kim").withValue("NO_ANSWER"));
        accept(IncidentCommand.of(id, Action.CALL_112, "police-lee").withValue("REQUESTED"));
        accept(IncidentCommand.of(id, Action.DISPATCH, "op-kim").dispatching(guard.id(), false, false));
        assertThat(roster.find(guard.id()).orElseThrow().status()).isEqualTo("DISPATCHED");
        accept(IncidentCommand.of(id, Action.EN_ROUTE, "op-kim"));
        assertThat(roster.find(guard.id()).orElseThrow().status()).isEqualTo("EN_ROUTE");
        accept(IncidentCommand.of(id, Action.ON_SCENE, "op-kim"));
        accept(IncidentCommand.of(id, Action.NOTE, "op-park").withNote("현관문 파손 확인"));
        CommandResult resolved = accept(IncidentCommand.of(id, Action.RESOLVE, "op-park").withValue("POLICE_ARREST"));

        assertThat(resolved.incident().status()).isEqualTo("RESOLVED");
        assertThat(resolved.incident().outcome()).isEqualTo("POLICE_ARREST");
        assertThat(resolved.incident().callback()).isEqualTo("NO_ANSWER");
        assertThat(resolved.incident().call112()).isEqualTo("REQUESTED");
        assertThat(roster.find(guard.id()).orElseThrow().status()).isEqualTo("RETURNING");

        List<TransitionView> trail = screen.route(Routes.INCIDENT_HISTORY).data(id.toString())
                .retrieveFlux(TransitionView.class).collectList().block(Duration.ofSeconds(10));
        assertThat(trail).extracting(t -> t.kind() + ":" + t.to()).containsExactly(
                "STATUS:NEW", "STATUS:ACKNOWLEDGED", "CALLBACK:CALLING", "CALLBACK:NO_ANSWER", "CALL_112:REQUESTED",
                "STATUS:DISPATCHED", "DISPATCH:" + guard.id(), "STATUS:EN_ROUTE", "STATUS:ON_SCENE", "NOTE:null",
                "STATUS:RESOLVED");
        // every command is attributed to the signed-in user of the connection, whatever actor it names
        assertThat(trail).extracting(TransitionView::actor).containsExactly(
                "system", "supervisor", "supervisor", "supervisor", "supervisor", "supervisor", "supervisor", "supervisor",
                "supervisor", "supervisor", "supervisor");
        assertThat(trail).extracting(TransitionView::at).isSorted();
        assertThat(trail.get(6).note()).isEqualTo("ALARM, free");
        assertThat(trail.get(10).note()).isEqualTo("outcome POLICE_ARREST");

        Map<String, Object> dispatch = db.sql("select trigger, fee_won, crime_risk_confirmed from dispatch where incident_id = $1")
                .bind(0, id).fetch().one().block();
        assertThat(dispatch).containsEntry("trigger", "ALARM").containsEntry("fee_won", 0).containsEntry("crime_risk_confirmed", false);
    }

    @Test
    void an_illegal_command_is_refused_with_the_reason_and_changes_nothing() {
        IncidentView incident = raise(TestDevices.nth(DeviceFamily.DOOR_CAMERA, 13));

        CommandResult refused = command(IncidentCommand.of(incident.id(), Action.ON_SCENE, "op-kim"));
        CommandResult unknown = command(IncidentCommand.of(UUID.randomUUID(), Action.ACKNOWLEDGE, "op-kim"));

        assertThat(refused.accepted()).isFalse();
        assertThat(refused.error()).contains("cannot go from NEW to ON_SCENE");
        assertThat(refused.incident().status()).isEqualTo("NEW");
        assertThat(unknown.accepted()).isFalse();
        assertThat(unknown.error()).startsWith("no incident");
        Long entries = db.sql("select count(*) as n from incident_transition where incident_id = $1").bind(0, incident.id())
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(entries).isEqualTo(1L);
    }

    @Test
    void the_audit_trail_cannot_be_changed_or_deleted() {
        IncidentView incident = raise(TestDevices.nth(DeviceFamily.DOOR_CAMERA, 14));
        assertThatThrownBy(() -> db.sql("update incident_transition set actor = 'someone else' where incident_id = $1")
                .bind(0, incident.id()).then().block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("delete from incident_transition where incident_id = $1")
                .bind(0, incident.id()).then().block())
                .hasMessageContaining("append-only");
    }

    private IncidentView raise(DemoCity.Device camera) {
        DemoCity.Household home = TestDevices.household(camera);
        Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(camera, "FORCED_ENTRY", Map.of()))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        assertThat(ack.durable()).isTrue();
        return screen.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> i.latitude() == home.latitude() && i.longitude() == home.longitude() && i.status().equals("NEW"))
                .blockFirst(Duration.ofSeconds(10));
    }

    private CommandResult accept(IncidentCommand command) {
        CommandResult result = command(command);
        assertThat(result.error()).isNull();
        assertThat(result.accepted()).isTrue();
        return result;
    }

    private CommandResult command(IncidentCommand command) {
        return screen.route(Routes.INCIDENT_COMMAND).data(command).retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
    }
}
