package kr.anshim.backend.alarm;

import kr.anshim.api.Ack;
import kr.anshim.api.AlarmAuditEntry;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.api.ShelveRequest;
import kr.anshim.api.ShelveResult;
import kr.anshim.api.ShelvedItem;
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
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shelving over real connections: a shelved incident leaves the operator's live feed and returns by
 * itself when its time runs out, all of it audited; a protected person's bell is never shelved.
 */
@BackendIT
class ShelvingIT {

    static final String MAPO = "11440";

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DeviceRegistry registry;

    RSocketRequester gateway;
    RSocketRequester operator;
    RSocketRequester supervisor;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        operator = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
        supervisor = TestConnections.ui(strategies, port);
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        operator.dispose();
        supervisor.dispose();
    }

    @Test
    void a_shelved_incident_leaves_the_live_feed_and_returns_by_itself_when_its_time_runs_out() {
        DemoCity.Device camera = mapoDevice(DeviceFamily.DOOR_CAMERA, false, 0);
        List<LiveFrame> frames = new CopyOnWriteArrayList<>();
        Disposable feed = operator.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).subscribe(frames::add);
        try {
            IncidentView incident = raise(camera, "TAMPER", frames);

            ShelveResult shelved = shelve(operator, new ShelveRequest(ShelveRequest.Target.INCIDENT, incident.id().toString(),
                    "복도 조명에 반응하는 카메라 · corridor light trips it", 2L));

            assertThat(shelved.code()).isNull();
            assertThat(shelved.accepted()).isTrue();
            assertThat(shelved.item().shelvedBy()).isEqualTo("op.mapo");
            assertThat(Duration.between(shelved.item().shelvedAt(), shelved.item().expiresAt())).isEqualTo(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> last(frames, incident).type() == LiveFrame.Type.TOMBSTONE);
            assertThat(shelvedList(operator)).extracting(ShelvedItem::targetId).contains(incident.id().toString());

            // nobody unshelves it: the timer does, and the incident is back in the active set
            await().atMost(Duration.ofSeconds(10)).until(() -> last(frames, incident).type() == LiveFrame.Type.CHANGE);
            assertThat(shelvedList(operator)).extracting(ShelvedItem::targetId).doesNotContain(incident.id().toString());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(audit())
                    .filteredOn(entry -> incident.id().toString().equals(entry.target()))
                    .extracting(entry -> entry.action() + " by " + entry.actor())
                    .containsExactly("SHELF_EXPIRED by system", "SHELVED by op.mapo"));
        } finally {
            feed.dispose();
        }
    }

    @Test
    void a_protected_persons_bell_can_never_be_shelved_and_the_refusal_says_why() {
        DemoCity.Device bell = mapoDevice(DeviceFamily.EMERGENCY_BELL, true, 0);
        DemoCity.Device camera = mapoDevice(DeviceFamily.DOOR_CAMERA, false, 1);
        List<LiveFrame> frames = new CopyOnWriteArrayList<>();
        Disposable feed = operator.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).subscribe(frames::add);
        try {
            IncidentView bellIncident = raise(bell, "BELL_PRESSED", frames);

            ShelveResult incidentRefused = shelve(operator, new ShelveRequest(ShelveRequest.Target.INCIDENT,
                    bellIncident.id().toString(), "test", 60L));
            ShelveResult deviceRefused = shelve(supervisor, new ShelveRequest(ShelveRequest.Target.DEVICE, bell.id(), "test", 60L));
            // positive control: an ordinary household's camera may be shelved by the same operator
            ShelveResult cameraShelved = shelve(operator, new ShelveRequest(ShelveRequest.Target.DEVICE, camera.id(), "test", 60L));

            assertThat(incidentRefused.accepted()).isFalse();
            assertThat(incidentRefused.code()).isEqualTo("alarm.refused.protected");
            assertThat(incidentRefused.reason()).contains("protected person's bell or lock");
            assertThat(deviceRefused.accepted()).isFalse();
            assertThat(deviceRefused.code()).isEqualTo("alarm.refused.protected");
            assertThat(cameraShelved.accepted()).isTrue();
            assertThat(last(frames, bellIncident).type()).as("the bell stays in the active set").isNotEqualTo(LiveFrame.Type.TOMBSTONE);
            assertThat(shelvedList(operator)).extracting(ShelvedItem::targetId).contains(camera.id()).doesNotContain(bell.id());
            assertThat(audit()).filteredOn(entry -> entry.action().equals("SHELVE_REFUSED"))
                    .extracting(AlarmAuditEntry::target).contains(bell.id(), bellIncident.id().toString());

            ShelveResult unshelved = unshelve(operator, cameraShelved.item().id().toString());
            assertThat(unshelved.accepted()).isTrue();
            assertThat(shelvedList(operator)).extracting(ShelvedItem::targetId).doesNotContain(camera.id());
        } finally {
            feed.dispose();
        }
    }

    @Test
    void a_reason_is_required_the_maximum_holds_and_police_may_not_shelve() {
        DemoCity.Device camera = mapoDevice(DeviceFamily.DOOR_CAMERA, false, 2);
        RSocketRequester police = TestConnections.signedIn(strategies, port, "police.mapo", "anshim-demo");
        try {
            assertThat(shelve(operator, new ShelveRequest(ShelveRequest.Target.DEVICE, camera.id(), " ", 60L)).code())
                    .isEqualTo("alarm.refused.reason-required");
            assertThat(shelve(operator, new ShelveRequest(ShelveRequest.Target.DEVICE, camera.id(), "too long",
                    Duration.ofHours(8).plusSeconds(1).toSeconds())).code()).isEqualTo("alarm.refused.too-long");
            assertThat(shelve(police, new ShelveRequest(ShelveRequest.Target.DEVICE, camera.id(), "police", 60L)).code())
                    .isEqualTo("alarm.refused.role");
            assertThat(operator.route(Routes.ALARM_SHELVING).retrieveMono(kr.anshim.api.Shelving.class).block(Duration.ofSeconds(10)).max())
                    .as("the screens are told the maximum they may offer").isEqualTo(Duration.ofHours(8));
            ShelveResult atTheMaximum = shelve(operator, new ShelveRequest(ShelveRequest.Target.DEVICE, camera.id(), "max", null));
            assertThat(atTheMaximum.accepted()).isTrue();
            assertThat(Duration.between(atTheMaximum.item().shelvedAt(), atTheMaximum.item().expiresAt())).isEqualTo(Duration.ofHours(8));
            assertThat(unshelve(operator, atTheMaximum.item().id().toString()).accepted()).isTrue();
        } finally {
            police.dispose();
        }
    }

    private IncidentView raise(DemoCity.Device device, String type, List<LiveFrame> frames) {
        DemoCity.Household home = TestDevices.household(device);
        Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(device, type, Map.of())).retrieveMono(Ack.class)
                .block(Duration.ofSeconds(10));
        assertThat(ack.durable()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> frames.stream().anyMatch(f -> atHome(f, home)));
        return frames.stream().filter(f -> atHome(f, home)).reduce((a, b) -> b).orElseThrow().incident();
    }

    private static boolean atHome(LiveFrame frame, DemoCity.Household home) {
        return frame.incident() != null && frame.type() != LiveFrame.Type.TOMBSTONE
                && frame.incident().latitude() == home.latitude() && frame.incident().longitude() == home.longitude();
    }

    private static LiveFrame last(List<LiveFrame> frames, IncidentView incident) {
        return frames.stream().filter(f -> f.incident() != null && f.incident().id().equals(incident.id()))
                .reduce((a, b) -> b).orElseThrow();
    }

    private ShelveResult shelve(RSocketRequester requester, ShelveRequest request) {
        return requester.route(Routes.ALARM_SHELVE).data(request).retrieveMono(ShelveResult.class).block(Duration.ofSeconds(10));
    }

    private ShelveResult unshelve(RSocketRequester requester, String id) {
        return requester.route(Routes.ALARM_UNSHELVE).data(id).retrieveMono(ShelveResult.class).block(Duration.ofSeconds(10));
    }

    private List<ShelvedItem> shelvedList(RSocketRequester requester) {
        return requester.route(Routes.ALARM_SHELVED).retrieveFlux(ShelvedItem.class).collectList().block(Duration.ofSeconds(10));
    }

    private List<AlarmAuditEntry> audit() {
        return supervisor.route(Routes.ALARM_AUDIT).retrieveFlux(AlarmAuditEntry.class).collectList().block(Duration.ofSeconds(10));
    }

    /** A Mapo device of this family at a protected (or ordinary) household, from the end of the list, not revoked. */
    private DemoCity.Device mapoDevice(DeviceFamily family, boolean protectedHome, int skip) {
        return TestDevices.CITY.devices().stream()
                .filter(d -> d.family() == family)
                .filter(d -> {
                    DemoCity.Household home = TestDevices.household(d);
                    return home.wardCode().equals(MAPO) && home.protectedPerson() == protectedHome;
                })
                .filter(d -> registry.find(d.id()).map(r -> !r.revoked()).orElse(false))
                .sorted(java.util.Comparator.comparing(DemoCity.Device::id).reversed())
                .skip(skip).findFirst().orElseThrow();
    }
}
