package kr.anshim.backend.welfare;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.api.welfare.ContactRequest;
import kr.anshim.api.welfare.DemoWelfare;
import kr.anshim.api.welfare.WelfareDetail;
import kr.anshim.api.welfare.WelfareRoutes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.device.DeviceRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The community-centre officer's scope, enforced by the backend on their own connection: only the
 * welfare incidents of their own people (never another officer's, never a device incident, nothing on
 * the control room's feed), a protected person masked as for police; each "never" beside a positive control.
 */
@BackendIT
class OfficerScopingIT {

    @LocalRSocketServerPort
    int port;
    @Autowired
    RSocketStrategies strategies;
    @Autowired
    DeviceRegistry registry;
    @Autowired
    Enrolments enrolments;

    RSocketRequester gateway;
    RSocketRequester officer;
    RSocketRequester supervisor;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        officer = TestConnections.signedIn(strategies, port, DemoWelfare.OFFICER, "anshim-demo");
        supervisor = TestConnections.ui(strategies, port);
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        officer.dispose();
        supervisor.dispose();
    }

    @Test
    void an_officer_sees_and_answers_only_their_own_people_and_a_protected_person_masked() {
        WelfareFixtures.Person mine = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5801, 126.9311, false, 1, DemoWelfare.OFFICER);
        WelfareFixtures.Person theirs = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5802, 126.9312, false, 1, "officer.other");
        WelfareFixtures.Person sheltered = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5803, 126.9313, true, 1, DemoWelfare.OFFICER);
        Instant now = Instant.now();
        for (WelfareFixtures.Person p : List.of(mine, theirs, sheltered)) {
            assertThat(WelfareFixtures.send(gateway, WelfareFixtures.summary(p.deviceId(), now, now.minus(Duration.ofDays(2)))).durable()).isTrue();
        }
        // the supervisor sees all three, at their exact positions (the positive control)
        IncidentView mineSeen = WelfareFixtures.awaitWelfare(supervisor, i -> i.latitude() == mine.latitude());
        IncidentView theirsSeen = WelfareFixtures.awaitWelfare(supervisor, i -> i.latitude() == theirs.latitude());
        IncidentView shelteredSeen = WelfareFixtures.awaitWelfare(supervisor, i -> i.latitude() == sheltered.latitude());
        assertThat(shelteredSeen.protectedPerson()).isTrue();

        List<IncidentView> officers = WelfareFixtures.welfareFeed(officer, Duration.ofSeconds(2));
        assertThat(officers).extracting(IncidentView::id).contains(mineSeen.id(), shelteredSeen.id()).doesNotContain(theirsSeen.id());
        assertThat(officers).extracting(i -> i.kind().name()).containsOnly("INACTIVITY", "STAFF_SAFETY");
        IncidentView shelteredForOfficer = officers.stream().filter(i -> i.id().equals(shelteredSeen.id())).findFirst().orElseThrow();
        assertThat(shelteredForOfficer.latitude()).isNotEqualTo(sheltered.latitude());
        assertThat(officers.stream().filter(i -> i.id().equals(mineSeen.id())).findFirst().orElseThrow().latitude())
                .isEqualTo(mine.latitude());

        WelfareDetail open = detail(mineSeen);
        assertThat(open.masked()).isFalse();
        assertThat(open.contactName()).startsWith("복지 대상자");
        assertThat(open.enrolment().officer()).isEqualTo(DemoWelfare.OFFICER);
        WelfareDetail masked = detail(shelteredSeen);
        assertThat(masked.masked()).isTrue();
        assertThat(masked.contactName()).isEqualTo(IncidentDetail.MASKED_NAME);
        assertThat(masked.contactPhone()).contains("****");
        assertThat(masked.address()).endsWith("***");
        StepVerifier.create(officer.route(WelfareRoutes.DETAIL).data(theirsSeen.id()).retrieveMono(WelfareDetail.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("of yours"))
                .verify(Duration.ofSeconds(10));

        CommandResult foreign = contact(theirsSeen);
        assertThat(foreign.accepted()).isFalse();
        CommandResult own = contact(mineSeen);
        assertThat(own.accepted()).as(own.error()).isTrue();
    }

    @Test
    void an_officer_sees_nothing_of_the_control_rooms_incidents_a_supervisor_sees() {
        String camera = registry.inWard("11410").stream()
                .filter(d -> d.family() == kr.anshim.api.DeviceFamily.DOOR_CAMERA && !d.revoked()).findFirst().orElseThrow().id();
        Ack ack = gateway.route(Routes.ALARM).data(new kr.anshim.api.DeviceEvent(
                java.util.UUID.randomUUID(), camera, Instant.now(), "TAMPER", java.util.Map.of())).retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        assertThat(ack.durable()).isTrue();
        double lat = registry.find(camera).orElseThrow().latitude();
        IncidentView tamper = supervisor.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> i.latitude() == lat && i.wardCode().equals("11410")).blockFirst(Duration.ofSeconds(10));
        assertThat(tamper).isNotNull();

        List<IncidentView> controlRoom = officer.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .take(Duration.ofSeconds(2)).collectList().block(Duration.ofSeconds(10));
        assertThat(controlRoom).isEmpty();
        assertThat(WelfareFixtures.welfareFeed(officer, Duration.ofSeconds(1))).extracting(IncidentView::id).doesNotContain(tamper.id());
        StepVerifier.create(officer.route(Routes.INCIDENT_DETAIL).data(tamper.id().toString()).retrieveMono(IncidentDetail.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("in your wards"))
                .verify(Duration.ofSeconds(10));

        // nor the control room's response times; the supervisor's query is answered (the positive control)
        kr.anshim.api.ResponseTimeQuery query = new kr.anshim.api.ResponseTimeQuery(Instant.now().minus(Duration.ofDays(1)), Instant.now(),
                "ward", List.of());
        StepVerifier.create(officer.route(Routes.RESPONSE_TIME_SUMMARY).data(query).retrieveMono(List.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("no wards of yours"))
                .verify(Duration.ofSeconds(10));
        assertThat(supervisor.route(Routes.RESPONSE_TIME_SUMMARY).data(query).retrieveMono(List.class).block(Duration.ofSeconds(10))).isNotNull();
    }

    private WelfareDetail detail(IncidentView incident) {
        return officer.route(WelfareRoutes.DETAIL).data(incident.id()).retrieveMono(WelfareDetail.class).block(Duration.ofSeconds(10));
    }

    private CommandResult contact(IncidentView incident) {
        return officer.route(WelfareRoutes.CONTACT).data(new ContactRequest(incident.id(), "전화 시도"))
                .retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
    }
}
