package kr.anshim.backend.security;

import kr.anshim.api.IncidentStatus;

import io.rsocket.exceptions.RejectedSetupException;
import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.ProtectedAccess;
import kr.anshim.api.Routes;
import kr.anshim.api.DemoResponders;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.ResponderRoutes;
import kr.anshim.api.ResponderView;
import org.springframework.core.ParameterizedTypeReference;
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
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ward scoping and least privilege are enforced by the backend on the users' own connections: a
 * 마포구 operator neither sees nor acts on a 송파구 incident, a police liaison only hands off to
 * 112, and a stalking victim's identity stays masked for police until the hand-off.
 */
@BackendIT
class WardScopingIT {

    private static final DemoCity.Device MAPO_BELL = device("EB-11440-0003");
    private static final DemoCity.Device PROTECTED_BELL = device("EB-11440-0004");
    private static final DemoCity.Device LOGGED_BELL = device("EB-11440-0005");
    private static final DemoCity.Device MAPO_CAMERA = device("DC-11440-0001");
    private static final DemoCity.Device SONGPA_CAMERA = device("DC-11710-0002");

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    RSocketRequester ui;
    RSocketRequester gateway;

    @BeforeEach
    void connect() {
        ui = TestConnections.ui(strategies, port);
        gateway = TestConnections.gateway(strategies, port);
    }

    @AfterEach
    void disconnect() {
        ui.dispose();
        gateway.dispose();
    }

    @Test
    void a_wrong_password_and_a_stale_token_are_refused() {
        LoginResult wrong = login("op.mapo", "guess");
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.error()).contains("wrong username or password");
        assertThat(login("nobody", "anshim-demo").error()).isEqualTo(wrong.error());

        RSocketRequester forged = TestConnections.connect(strategies, port, ConnectionCredentials.user("op.mapo", "made-up"));
        StepVerifier.create(forged.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident))
                .expectError(RejectedSetupException.class)
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void a_mapo_operator_sees_and_acts_on_mapo_only() {
        IncidentView mapo = raise(MAPO_CAMERA, "TAMPER");
        IncidentView songpa = raise(SONGPA_CAMERA, "TAMPER");
        RSocketRequester operator = userConnection("op.mapo");

        List<IncidentView> visible = operator.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .take(Duration.ofSeconds(2)).collectList().block(Duration.ofSeconds(10));
        assertThat(visible).extracting(IncidentView::wardCode).containsOnly("11440");
        assertThat(visible).extracting(IncidentView::id).contains(mapo.id()).doesNotContain(songpa.id());

        CommandResult foreign = command(operator, IncidentCommand.of(songpa.id(), Action.ACKNOWLEDGE, "op.mapo"));
        assertThat(foreign.accepted()).isFalse();
        assertThat(foreign.error()).isEqualTo("no incident " + songpa.id() + " in your wards");
        StepVerifier.create(operator.route(Routes.INCIDENT_DETAIL).data(songpa.id().toString()).retrieveMono(IncidentDetail.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("in your wards"))
                .verify(Duration.ofSeconds(10));

        CommandResult own = command(operator, IncidentCommand.of(mapo.id(), Action.ACKNOWLEDGE, "someone-else"));
        assertThat(own.accepted()).isTrue();
        assertThat(own.incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        operator.dispose();
    }

    @Test
    void a_police_liaison_cannot_start_a_hand_off_and_sees_a_victims_identity_only_once_police_accept_an_operators() {
        IncidentView bell = raise(MAPO_BELL, "BELL_PRESSED");
        RSocketRequester police = userConnection("police.mapo");
        RSocketRequester operator = userConnection("op.mapo");

        CommandResult acknowledge = command(police, IncidentCommand.of(bell.id(), Action.ACKNOWLEDGE, "police.mapo"));
        assertThat(acknowledge.accepted()).isFalse();
        assertThat(acknowledge.error()).isEqualTo("your role (POLICE_LIAISON) may not ACKNOWLEDGE");

        IncidentDetail before = detail(police, bell);
        assertThat(before.protectedPerson()).isTrue();
        assertThat(before.masked()).isTrue();
        assertThat(before.contactPhone()).matches("010-\\*\\*\\*\\*-\\d{4}");
        assertThat(before.address()).endsWith("***");

        // police may not start the hand-off themselves: refused, and still masked
        CommandResult selfStarted = command(police, IncidentCommand.of(bell.id(), Action.CALL_112, "police.mapo").withValue("REQUESTED"));
        assertThat(selfStarted.accepted()).as("police starting a hand-off").isFalse();
        assertThat(selfStarted.error()).contains("POLICE_LIAISON");
        assertThat(detail(police, bell).masked()).isTrue();

        // an operator starts it: still masked until police accept
        assertThat(command(operator, IncidentCommand.of(bell.id(), Action.CALL_112, "op.mapo").withValue("REQUESTED")).accepted()).isTrue();
        assertThat(detail(police, bell).masked()).isTrue();

        assertThat(command(police, IncidentCommand.of(bell.id(), Action.CALL_112, "police.mapo").withValue("ACCEPTED")).accepted()).isTrue();
        IncidentDetail after = detail(police, bell);
        assertThat(after.masked()).isFalse();
        assertThat(after.contactPhone()).doesNotContain("*");
        assertThat(after.contactName()).isEqualTo(TestDevices.household(MAPO_BELL).contactName());
        assertThat(after.incident().latitude()).isEqualTo(TestDevices.household(MAPO_BELL).latitude());
        assertThat(detail(operator, bell).masked()).isFalse();
        police.dispose();
        operator.dispose();
    }

    @Test
    void masked_for_police_the_position_is_coarsened_and_the_name_tells_nothing_not_even_its_length() {
        DemoCity.Household home = TestDevices.household(PROTECTED_BELL);
        IncidentView bell = raise(PROTECTED_BELL, "BELL_PRESSED");
        RSocketRequester police = userConnection("police.mapo");
        RSocketRequester operator = userConnection("op.mapo");

        // positive control: the operator sees the door and the name
        IncidentView exact = liveView(operator, bell);
        assertThat(exact.latitude()).isEqualTo(home.latitude());
        assertThat(exact.longitude()).isEqualTo(home.longitude());
        IncidentDetail full = detail(operator, bell);
        assertThat(full.masked()).isFalse();
        assertThat(full.contactName()).isEqualTo(home.contactName());
        assertThat(full.incident().latitude()).isEqualTo(home.latitude());

        IncidentView coarse = liveView(police, bell);
        assertThat(coarse.protectedPerson()).isTrue();
        assertThat(metres(coarse.latitude(), coarse.longitude(), home)).as("live position's distance from the door")
                .isGreaterThan(100).isLessThan(400);
        IncidentDetail masked = detail(police, bell);
        assertThat(masked.masked()).isTrue();
        assertThat(metres(masked.incident().latitude(), masked.incident().longitude(), home)).as("detail position's distance from the door")
                .isGreaterThan(100).isLessThan(400);
        assertThat(masked.incident().latitude()).isEqualTo(coarse.latitude());
        assertThat(masked.contactName()).isEqualTo(IncidentDetail.MASKED_NAME).doesNotContain(home.contactName().substring(0, 1));
        police.dispose();
        operator.dispose();
    }

    @Test
    void every_unmasked_read_of_a_protected_persons_record_lands_in_the_access_log_for_supervisors() {
        DemoCity.Household home = TestDevices.household(LOGGED_BELL);
        IncidentView bell = raise(LOGGED_BELL, "BELL_PRESSED");
        RSocketRequester police = userConnection("police.mapo");
        RSocketRequester operator = userConnection("op.mapo");
        RSocketRequester supervisor = userConnection("supervisor");

        assertThat(detail(police, bell).masked()).isTrue();
        assertThat(accessLog(supervisor)).filteredOn(a -> bell.id().equals(a.incidentId()))
                .as("a masked read is not an unmasked one").isEmpty();

        assertThat(detail(operator, bell).masked()).isFalse();
        assertThat(accessLog(supervisor)).filteredOn(a -> bell.id().equals(a.incidentId()))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.reader()).isEqualTo("op.mapo");
                    assertThat(a.role()).isEqualTo("OPERATOR");
                    assertThat(a.householdId()).isEqualTo(home.id());
                    assertThat(a.at()).isNotNull();
                });

        StepVerifier.create(operator.route(Routes.PROTECTED_ACCESS_LOG).retrieveFlux(ProtectedAccess.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("supervisor"))
                .verify(Duration.ofSeconds(10));
        police.dispose();
        operator.dispose();
        supervisor.dispose();
    }

    @Test
    void responder_positions_are_scoped_own_wards_and_units_sent_to_own_incidents_supervisor_all_admin_none() {
        List<DemoResponders.Responder> roster = DemoResponders.generate(20221101L);
        DemoResponders.Responder songpaUnit = roster.stream().filter(r -> r.wardCode().equals("11710"))
                .reduce((first, second) -> second).orElseThrow();
        IncidentView mapo = raise(device("DC-11440-0006"), "TAMPER");
        assertThat(command(ui, IncidentCommand.of(mapo.id(), Action.ACKNOWLEDGE, "op.mapo")).accepted()).isTrue();
        CommandResult sent = command(ui, IncidentCommand.of(mapo.id(), Action.DISPATCH, "op.mapo")
                .dispatching(songpaUnit.id(), false, false));
        assertThat(sent.accepted()).as(sent.error()).isTrue();

        RSocketRequester operator = userConnection("op.mapo");
        RSocketRequester songpaOperator = userConnection("op.songpa");
        RSocketRequester supervisor = userConnection("supervisor");
        RSocketRequester admin = userConnection("admin");

        Map<String, ResponderView> mapoSees = responders(operator);
        assertThat(mapoSees.values()).extracting(ResponderView::wardCode).as("wards of the units op.mapo sees")
                .contains("11440").containsOnly("11440", "11710");
        assertThat(mapoSees).as("the 송파구 unit sent to a 마포구 incident").containsKey(songpaUnit.id());
        assertThat(mapoSees.values()).filteredOn(r -> r.wardCode().equals("11710"))
                .extracting(ResponderView::id).containsOnly(songpaUnit.id());

        assertThat(responders(songpaOperator).values()).extracting(ResponderView::wardCode).contains("11710").containsOnly("11710");
        assertThat(responders(supervisor).values()).extracting(ResponderView::wardCode).contains("11440", "11710", "11680");
        assertThat(responders(admin)).as("admin sees no responder").isEmpty();

        List<ResponderRecommendation> nearMapo = operator.route(ResponderRoutes.RESPONDERS_RECOMMEND)
                .data(Map.of("latitude", mapo.latitude(), "longitude", mapo.longitude(), "perKind", 3))
                .retrieveMono(new ParameterizedTypeReference<List<ResponderRecommendation>>() {
                }).block(Duration.ofSeconds(10));
        assertThat(nearMapo).isNotEmpty().allSatisfy(r -> assertThat(mapoSees).containsKey(r.responderId()));
        operator.dispose();
        songpaOperator.dispose();
        supervisor.dispose();
        admin.dispose();
    }

    private static Map<String, ResponderView> responders(RSocketRequester connection) {
        Map<String, ResponderView> latest = new java.util.HashMap<>();
        connection.route(ResponderRoutes.RESPONDERS_LIVE).retrieveFlux(ResponderView.class)
                .take(Duration.ofSeconds(2)).toStream().forEach(r -> latest.put(r.id(), r));
        return latest;
    }

    @Test
    void a_supervisor_sees_every_ward() {
        IncidentView songpa = raise(device("DC-11710-0003"), "LOITERING");
        RSocketRequester supervisor = userConnection("supervisor");
        List<IncidentView> visible = supervisor.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .take(Duration.ofSeconds(2)).collectList().block(Duration.ofSeconds(10));
        assertThat(visible).extracting(IncidentView::id).contains(songpa.id());
        supervisor.dispose();
    }

    private IncidentView raise(DemoCity.Device device, String type) {
        Map<String, Object> payload = type.equals("LOITERING") ? Map.of("dwellSeconds", 120) : Map.of();
        DemoCity.Household home = TestDevices.household(device);
        Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(device, type, payload)).retrieveMono(Ack.class)
                .block(Duration.ofSeconds(10));
        assertThat(ack.durable()).isTrue();
        return ui.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> i.latitude() == home.latitude() && i.longitude() == home.longitude())
                .blockFirst(Duration.ofSeconds(10));
    }

    private static IncidentView liveView(RSocketRequester connection, IncidentView incident) {
        return connection.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> i.id().equals(incident.id()))
                .blockFirst(Duration.ofSeconds(10));
    }

    private static List<ProtectedAccess> accessLog(RSocketRequester supervisor) {
        return supervisor.route(Routes.PROTECTED_ACCESS_LOG).retrieveFlux(ProtectedAccess.class).collectList()
                .block(Duration.ofSeconds(10));
    }

    /** Metres between a point and a household's door (equirectangular; ample at these distances). */
    private static double metres(double latitude, double longitude, DemoCity.Household home) {
        double north = (latitude - home.latitude()) * 111_320;
        double east = (longitude - home.longitude()) * 111_320 * Math.cos(Math.toRadians(home.latitude()));
        return Math.hypot(north, east);
    }

    private RSocketRequester userConnection(String username) {
        LoginResult login = login(username, "anshim-demo");
        assertThat(login.ok()).as(login.error()).isTrue();
        return TestConnections.connect(strategies, port, ConnectionCredentials.user(username, login.token()));
    }

    private LoginResult login(String username, String password) {
        return TestConnections.login(strategies, port, username, password);
    }

    private static CommandResult command(RSocketRequester connection, IncidentCommand command) {
        return connection.route(Routes.INCIDENT_COMMAND).data(command).retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
    }

    private static IncidentDetail detail(RSocketRequester connection, IncidentView incident) {
        return connection.route(Routes.INCIDENT_DETAIL).data(incident.id().toString()).retrieveMono(IncidentDetail.class)
                .block(Duration.ofSeconds(10));
    }

    private static DemoCity.Device device(String id) {
        return TestDevices.CITY.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }
}
