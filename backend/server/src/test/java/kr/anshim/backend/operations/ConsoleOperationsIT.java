package kr.anshim.backend.operations;

import kr.anshim.api.Ack;
import kr.anshim.api.BulkAcknowledge;
import kr.anshim.api.CommandResult;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DispatchView;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.ResponderBoard;
import kr.anshim.api.ResponderRoutes;
import kr.anshim.api.ResponderView;
import kr.anshim.api.Routes;
import kr.anshim.api.TransitionView;
import kr.anshim.api.UnitStatus;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.responder.ResponderRoster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11, findings 5, 8 and 9 in the backend: a dispatch must say on what basis it is made (the
 * resident's request, 25,000 won unless a crime risk is confirmed, or an alarm, free) and is refused
 * without one; the basis and fee are stored and read back; the responder status board shows the
 * unit with its incident and ETA, scoped to the caller's wards; a bulk acknowledgement answers per
 * incident, audits each, keeps every legal-transition and ward check, and leaves a critical incident
 * NEW unless it was selected itself. Devices of 관악구 (11620), which no other test drives by name.
 */
@BackendIT
class ConsoleOperationsIT {

    private static final String WARD = "11620";

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    @Autowired
    ResponderRoster roster;

    RSocketRequester gateway;
    RSocketRequester supervisor;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        supervisor = TestConnections.ui(strategies, port);
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        supervisor.dispose();
    }

    @Test
    void a_dispatch_needs_its_basis_records_the_residents_fee_and_the_board_shows_the_unit_with_its_eta() {
        IncidentView sos = raise("SOS-11620-0001", "SOS_PRESSED");
        UUID id = sos.id();
        accept(IncidentCommand.of(id, Action.ACKNOWLEDGE, "x"));
        ResponderView guard = roster.all().stream()
                .filter(r -> r.wardCode().equals(WARD) && r.status().equals("AVAILABLE") && r.kind().equals("SECURITY_GUARD"))
                .findFirst().orElseThrow();
        IncidentCommand dispatch = IncidentCommand.of(id, Action.DISPATCH, "x");

        CommandResult noBasis = command(dispatch.dispatching(guard.id(), null, false));
        CommandResult notAnAlarm = command(dispatch.dispatching(guard.id(), false, false));
        assertThat(noBasis.accepted()).isFalse();
        assertThat(noBasis.error()).startsWith("a dispatch says whether the resident requested it");
        assertThat(notAnAlarm.accepted()).isFalse();
        assertThat(notAnAlarm.error()).startsWith("an alarm-triggered dispatch needs a device alarm");
        assertThat(dispatches(id)).as("a refused dispatch stores nothing").isEmpty();
        assertThat(roster.find(guard.id()).orElseThrow().status()).isEqualTo("AVAILABLE");

        accept(dispatch.dispatching(guard.id(), true, false));

        assertThat(dispatches(id)).singleElement().satisfies(d -> {
            assertThat(d.responderId()).isEqualTo(guard.id());
            assertThat(d.residentRequested()).isTrue();
            assertThat(d.crimeRiskConfirmed()).isFalse();
            assertThat(d.feeWon()).isEqualTo(25_000);
            assertThat(d.actor()).isEqualTo("supervisor");
        });
        List<TransitionView> trail = supervisor.route(Routes.INCIDENT_HISTORY).data(id.toString())
                .retrieveFlux(TransitionView.class).collectList().block(Duration.ofSeconds(10));
        assertThat(trail).filteredOn(t -> t.kind().equals("DISPATCH")).singleElement()
                .satisfies(t -> assertThat(t.note()).isEqualTo("RESIDENT_REQUEST, fee 25000 won"));

        UnitStatus row = board(supervisor).units().stream().filter(u -> u.id().equals(guard.id())).findFirst().orElseThrow();
        assertThat(row.status()).isEqualTo("DISPATCHED");
        assertThat(row.incidentId()).isEqualTo(id);
        assertThat(row.etaSeconds()).isNotNull().isNotNegative();

        RSocketRequester mapo = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
        try {
            ResponderBoard mapoBoard = board(mapo);
            assertThat(mapoBoard.units()).as("positive control: 마포구's own units").anyMatch(u -> u.wardCode().equals("11440"));
            assertThat(mapoBoard.units()).as("another ward's unit on another ward's incident").noneMatch(u -> u.id().equals(guard.id()));
            assertThatThrownBy(() -> mapo.route(Routes.INCIDENT_DISPATCHES).data(id.toString())
                    .retrieveFlux(DispatchView.class).collectList().block(Duration.ofSeconds(10)))
                    .hasMessageContaining("no incident");
        } finally {
            mapo.dispose();
        }
    }

    @Test
    void a_bulk_acknowledgement_answers_per_incident_audits_each_and_leaves_an_unselected_critical_one_new() {
        IncidentView first = raise("DC-11620-0011", "TAMPER");
        IncidentView second = raise("DC-11620-0012", "TAMPER");
        IncidentView critical = raise("EB-11620-0002", "BELL_PRESSED");
        assertThat(critical.severity()).isEqualTo(kr.anshim.api.Severity.CRITICAL);
        assertThat(first.severity()).isNotEqualTo(kr.anshim.api.Severity.CRITICAL);

        List<BulkAcknowledge.Answer> answers = bulk(supervisor,
                new BulkAcknowledge(List.of(first.id(), second.id(), critical.id()), Set.of(), "flood: 같은 건물"));

        assertThat(answers).extracting(BulkAcknowledge.Answer::incidentId).containsExactly(first.id(), second.id(), critical.id());
        assertThat(answers.get(0).result().accepted()).isTrue();
        assertThat(answers.get(1).result().accepted()).isTrue();
        assertThat(answers.get(2).result().accepted()).isFalse();
        assertThat(answers.get(2).result().error()).isEqualTo(BulkAcknowledgement.CRITICAL_ONE_BY_ONE);
        assertThat(answers.get(2).result().incident().status()).isEqualTo(kr.anshim.api.IncidentStatus.NEW);

        List<BulkAcknowledge.Answer> again = bulk(supervisor,
                new BulkAcknowledge(List.of(critical.id(), first.id()), Set.of(critical.id()), null));
        assertThat(again.get(0).result().accepted()).as("selected itself, a critical one may go with the group").isTrue();
        assertThat(again.get(1).result().accepted()).isFalse();
        assertThat(again.get(1).result().error()).as("each keeps its legal-transition check")
                .startsWith("cannot go from ACKNOWLEDGED to ACKNOWLEDGED");

        for (IncidentView incident : List.of(first, second, critical)) {
            List<Map<String, Object>> acks = db.sql("""
                            select actor, note from incident_transition
                            where incident_id = $1 and kind = 'STATUS' and to_state = 'ACKNOWLEDGED'""")
                    .bind(0, incident.id()).fetch().all().collectList().block(Duration.ofSeconds(10));
            assertThat(acks).as("one audit entry each").singleElement()
                    .satisfies(entry -> assertThat(entry).containsEntry("actor", "supervisor"));
        }
    }

    @Test
    void a_bulk_acknowledgement_is_ward_scoped_and_bounded() {
        IncidentView other = raise("DC-11620-0013", "TAMPER");
        IncidentView own = raise("DC-11440-0007", "TAMPER");
        RSocketRequester mapo = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
        try {
            List<BulkAcknowledge.Answer> answers = bulk(mapo, new BulkAcknowledge(List.of(other.id(), own.id()), Set.of(), null));
            assertThat(answers.get(0).result().accepted()).isFalse();
            assertThat(answers.get(0).result().error()).startsWith("no incident");
            assertThat(answers.get(1).result().accepted()).as("positive control: its own ward's incident").isTrue();

            List<UUID> tooMany = IntStream.range(0, BulkAcknowledge.MAX + 1).mapToObj(i -> UUID.randomUUID()).toList();
            assertThatThrownBy(() -> bulk(mapo, new BulkAcknowledge(tooMany, Set.of(), null)))
                    .hasMessageContaining(BulkAcknowledgement.TOO_MANY);
        } finally {
            mapo.dispose();
        }
        assertThat(command(IncidentCommand.of(other.id(), Action.NOTE, "x").withNote("still here")).incident().status())
                .isEqualTo(kr.anshim.api.IncidentStatus.NEW);
    }

    private List<BulkAcknowledge.Answer> bulk(RSocketRequester connection, BulkAcknowledge request) {
        return connection.route(Routes.INCIDENTS_ACKNOWLEDGE).data(request)
                .retrieveMono(new ParameterizedTypeReference<List<BulkAcknowledge.Answer>>() {
                }).block(Duration.ofSeconds(30));
    }

    private ResponderBoard board(RSocketRequester connection) {
        return connection.route(ResponderRoutes.RESPONDERS_BOARD).retrieveFlux(ResponderBoard.class)
                .blockFirst(Duration.ofSeconds(10));
    }

    private List<DispatchView> dispatches(UUID id) {
        return supervisor.route(Routes.INCIDENT_DISPATCHES).data(id.toString()).retrieveFlux(DispatchView.class)
                .collectList().block(Duration.ofSeconds(10));
    }

    private IncidentView raise(String deviceId, String type) {
        DemoCity.Device device = TestDevices.CITY.devices().stream().filter(d -> d.id().equals(deviceId)).findFirst().orElseThrow();
        DemoCity.Household home = TestDevices.household(device);
        Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(device, type, Map.of()))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        assertThat(ack.durable()).isTrue();
        return supervisor.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> home.id().equals(i.householdId()) && i.status() == kr.anshim.api.IncidentStatus.NEW)
                .blockFirst(Duration.ofSeconds(10));
    }

    private CommandResult accept(IncidentCommand command) {
        CommandResult result = command(command);
        assertThat(result.error()).isNull();
        assertThat(result.accepted()).isTrue();
        return result;
    }

    private CommandResult command(IncidentCommand command) {
        return supervisor.route(Routes.INCIDENT_COMMAND).data(command).retrieveMono(CommandResult.class)
                .block(Duration.ofSeconds(10));
    }
}
