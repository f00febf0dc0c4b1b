package kr.anshim.backend.alarm;

import kr.anshim.api.Ack;
import kr.anshim.api.AlarmAuditEntry;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Procedure;
import kr.anshim.api.ProcedureCheck;
import kr.anshim.api.ProcedureChecklist;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.device.DeviceRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Procedures over real connections: the seeded checklist for a protected person's bell, a step checked off and audited, supervisors' edits. */
@BackendIT
class ProceduresIT {

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DeviceRegistry registry;

    RSocketRequester gateway;
    RSocketRequester supervisor;
    RSocketRequester mapo;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        supervisor = TestConnections.ui(strategies, port);
        mapo = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        supervisor.dispose();
        mapo.dispose();
    }

    @Test
    void a_step_checked_off_is_timestamped_in_the_audit_trail_and_the_rest_stay_unfinished() {
        DemoCity.Device bell = protectedBellOutsideMapo();
        IncidentView incident = raise(bell);
        Instant before = Instant.now();

        ProcedureChecklist fresh = checklist(supervisor, incident);
        assertThat(fresh.protection()).isEqualTo("PROTECTED");
        assertThat(fresh.steps()).extracting(ProcedureChecklist.Item::id)
                .containsExactly("call-112", "dispatch-guard", "no-call-aloud", "watch-door-camera", "confirm-police");
        assertThat(fresh.unfinished()).isEqualTo(5);

        ProcedureChecklist checked = supervisor.route(Routes.PROCEDURE_CHECK).data(new ProcedureCheck(incident.id(), "no-call-aloud"))
                .retrieveMono(ProcedureChecklist.class).block(Duration.ofSeconds(10));

        assertThat(checked.unfinished()).isEqualTo(4);
        ProcedureChecklist.Item step = checked.steps().get(2);
        assertThat(step.doneBy()).isEqualTo("supervisor");
        assertThat(step.doneAt()).isAfterOrEqualTo(before.minusSeconds(1));
        List<AlarmAuditEntry> audit = supervisor.route(Routes.ALARM_AUDIT).retrieveFlux(AlarmAuditEntry.class)
                .collectList().block(Duration.ofSeconds(10));
        assertThat(audit).filteredOn(e -> e.action().equals("PROCEDURE_STEP") && incident.id().toString().equals(e.target()))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("supervisor");
                    assertThat(e.at()).isEqualTo(step.doneAt());
                    assertThat(e.detail()).startsWith("no-call-aloud:");
                });
        // ward scoping: the Mapo operator does not see this ward's incident or its procedure
        assertThatThrownBy(() -> checklist(mapo, incident)).hasMessageContaining("alarm.refused.not-found");
        assertThatThrownBy(() -> supervisor.route(Routes.PROCEDURE_CHECK).data(new ProcedureCheck(incident.id(), "no-such-step"))
                .retrieveMono(ProcedureChecklist.class).block(Duration.ofSeconds(10))).hasMessageContaining("alarm.refused.no-step");
    }

    @Test
    void a_supervisor_edits_a_procedure_audited_and_an_operator_may_not() {
        Procedure edited = new Procedure("ACTIVITY", "ANY", List.of(
                new Procedure.Step("look", "영상 확인", "Look at the video"),
                new Procedure.Step("record", "기록", "Record it")), null, null);

        Procedure saved = supervisor.route(Routes.PROCEDURE_SAVE).data(edited).retrieveMono(Procedure.class).block(Duration.ofSeconds(10));

        assertThat(saved.updatedBy()).isEqualTo("supervisor");
        assertThat(supervisor.route(Routes.PROCEDURES).retrieveFlux(Procedure.class).collectList().block(Duration.ofSeconds(10)))
                .filteredOn(p -> p.incidentKind().equals("ACTIVITY")).singleElement()
                .satisfies(p -> assertThat(p.steps()).isEqualTo(edited.steps()));
        assertThat(supervisor.route(Routes.ALARM_AUDIT).retrieveFlux(AlarmAuditEntry.class).collectList().block(Duration.ofSeconds(10)))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("PROCEDURE_SAVED");
                    assertThat(e.target()).isEqualTo("ACTIVITY/ANY");
                });
        assertThatThrownBy(() -> mapo.route(Routes.PROCEDURE_SAVE).data(edited).retrieveMono(Procedure.class)
                .block(Duration.ofSeconds(10))).hasMessageContaining("alarm.refused.supervisors-only");
        Procedure duplicateIds = new Procedure("ACTIVITY", "ANY", List.of(new Procedure.Step("a", "가", "A"),
                new Procedure.Step("a", "나", "B")), null, null);
        assertThatThrownBy(() -> supervisor.route(Routes.PROCEDURE_SAVE).data(duplicateIds).retrieveMono(Procedure.class)
                .block(Duration.ofSeconds(10))).hasMessageContaining("alarm.refused.procedure-step-id");
    }

    private ProcedureChecklist checklist(RSocketRequester requester, IncidentView incident) {
        return requester.route(Routes.PROCEDURE_CHECKLIST).data(incident.id().toString())
                .retrieveMono(ProcedureChecklist.class).block(Duration.ofSeconds(10));
    }

    private IncidentView raise(DemoCity.Device bell) {
        DemoCity.Household home = TestDevices.household(bell);
        Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(bell, "BELL_PRESSED", Map.of()))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        assertThat(ack.durable()).isTrue();
        return supervisor.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> i.latitude() == home.latitude() && i.longitude() == home.longitude() && i.kind() == kr.anshim.api.IncidentKind.EMERGENCY)
                .blockFirst(Duration.ofSeconds(10));
    }

    /** A protected household's bell outside Mapo (which other tests use), from the end of the list, not revoked. */
    private DemoCity.Device protectedBellOutsideMapo() {
        return TestDevices.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.EMERGENCY_BELL)
                .filter(d -> {
                    DemoCity.Household home = TestDevices.household(d);
                    return home.protectedPerson() && !home.wardCode().equals("11440");
                })
                .filter(d -> registry.find(d.id()).map(r -> !r.revoked()).orElse(false))
                .sorted(java.util.Comparator.comparing(DemoCity.Device::id).reversed())
                .findFirst().orElseThrow();
    }
}
