package kr.anshim.backend.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DemoSnapshots;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.EvidenceExport;
import kr.anshim.api.Routes;
import kr.anshim.api.SnapshotRefusal;
import kr.anshim.api.SnapshotUpload;
import kr.anshim.api.SnapshotView;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13: a door camera attaches a still to one of its own stored alarms ({@code device.snapshot}),
 * refused with a reason when too large, not a JPEG, or another device's; a stored one is shown to the
 * ward's operator, hidden from a police liaison for a protected person's door until police take the
 * case, and logged when shown; the evidence export holds every file with its SHA-256, is logged and
 * refused outside the caller's wards. Households and cameras of their own (no other test drives them),
 * far apart, so no correlation joins them to another test's incident.
 */
@BackendIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotEvidenceIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String RUN = Long.toHexString(System.nanoTime() & 0xFFFFFF);

    private static final DemoCity.Household PROTECTED_HOME = home("11440", 37.5501, 126.9101, true, "P");
    /** The export's own: one household within 10 minutes is one incident, and the masking test moves the 112 hand-off. */
    private static final DemoCity.Household EXPORTED_HOME = home("11440", 37.5804, 126.9004, true, "E");
    private static final DemoCity.Household MAPO_HOME = home("11440", 37.5702, 126.8702, false, "O");
    private static final DemoCity.Household SONGPA_HOME = home("11710", 37.5003, 127.1303, false, "O");
    private static final DemoCity.Device PROTECTED_CAMERA = camera(PROTECTED_HOME);
    private static final DemoCity.Device EXPORTED_CAMERA = camera(EXPORTED_HOME);
    private static final DemoCity.Device MAPO_CAMERA = camera(MAPO_HOME);
    private static final DemoCity.Device SONGPA_CAMERA = camera(SONGPA_HOME);

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    @Autowired
    DeviceRegistry registry;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ObjectMapper json;

    private final List<RSocketRequester> open = new ArrayList<>();

    @BeforeAll
    void register() {
        registry.importAll(List.of(PROTECTED_HOME, EXPORTED_HOME, MAPO_HOME, SONGPA_HOME),
                        List.of(PROTECTED_CAMERA, EXPORTED_CAMERA, MAPO_CAMERA, SONGPA_CAMERA))
                .block(WAIT);
    }

    @BeforeEach
    void clean() {
        open.clear();
    }

    @AfterEach
    void disconnect() {
        open.forEach(RSocketRequester::dispose);
    }

    @Test
    void a_snapshot_over_256_kib_is_refused_with_its_reason_and_counted_and_the_same_alarm_then_takes_one_within_the_limit() {
        RSocketRequester camera = connect(SONGPA_CAMERA);
        UUID eventId = alarm(camera, SONGPA_CAMERA);
        byte[] jpeg = DemoSnapshots.jpeg(1, 160, 120);
        byte[] tooLarge = new byte[SnapshotUpload.MAX_IMAGE + 1];
        System.arraycopy(jpeg, 0, tooLarge, 0, jpeg.length - 2);
        tooLarge[tooLarge.length - 2] = (byte) 0xFF;
        tooLarge[tooLarge.length - 1] = (byte) 0xD9;
        double before = refusals(SnapshotRefusal.SNAPSHOT_TOO_LARGE);

        Ack refused = snapshot(camera, eventId, SONGPA_CAMERA, tooLarge);

        assertThat(refused.outcome()).isEqualTo(Ack.Outcome.REJECTED);
        assertThat(refused.reason()).isEqualTo(SnapshotRefusal.SNAPSHOT_TOO_LARGE.name());
        assertThat(refused.eventId()).isEqualTo(eventId);
        assertThat(refused.message()).contains("262145", "256 KiB");
        assertThat(refusals(SnapshotRefusal.SNAPSHOT_TOO_LARGE)).isEqualTo(before + 1);
        assertThat(storedSnapshots(eventId)).isZero();
        assertThat(snapshot(camera, eventId, SONGPA_CAMERA, jpeg).outcome()).as("within the limit").isEqualTo(Ack.Outcome.STORED);
        assertThat(storedSnapshots(eventId)).isEqualTo(1);
    }

    @Test
    void a_frame_past_the_transports_reassembly_limit_fails_only_its_own_request_and_the_connection_goes_on() {
        RSocketRequester camera = connect(SONGPA_CAMERA);
        UUID eventId = alarm(camera, SONGPA_CAMERA);

        assertThatThrownBy(() -> snapshot(camera, eventId, SONGPA_CAMERA, new byte[300 * 1024]))
                .hasMessageContaining("allowed");

        assertThat(alarm(camera, SONGPA_CAMERA)).as("the same connection's next alarm").isNotNull();
        assertThat(snapshot(camera, eventId, SONGPA_CAMERA, DemoSnapshots.jpeg(8, 160, 120)).outcome()).isEqualTo(Ack.Outcome.STORED);
    }

    @Test
    void png_bytes_declared_as_jpeg_and_a_jpeg_shell_with_an_unreadable_header_are_refused_not_a_jpeg() {
        RSocketRequester camera = connect(SONGPA_CAMERA);
        UUID eventId = alarm(camera, SONGPA_CAMERA);
        byte[] shell = new byte[2048];
        shell[0] = (byte) 0xFF;
        shell[1] = (byte) 0xD8;
        shell[2] = (byte) 0xFF;
        shell[2046] = (byte) 0xFF;
        shell[2047] = (byte) 0xD9;

        Ack png = snapshot(camera, eventId, SONGPA_CAMERA, DemoSnapshots.png(2, 160, 120));
        Ack fake = snapshot(camera, eventId, SONGPA_CAMERA, shell);

        assertThat(List.of(png, fake)).allSatisfy(ack -> {
            assertThat(ack.outcome()).isEqualTo(Ack.Outcome.REJECTED);
            assertThat(ack.reason()).isEqualTo(SnapshotRefusal.NOT_A_JPEG.name());
        });
        assertThat(storedSnapshots(eventId)).isZero();
        assertThat(snapshot(camera, eventId, SONGPA_CAMERA, DemoSnapshots.jpeg(2, 160, 120)).outcome())
                .as("a real JPEG for the same alarm").isEqualTo(Ack.Outcome.STORED);
    }

    @Test
    void a_camera_cannot_attach_a_snapshot_to_another_devices_alarm_but_attaches_one_to_its_own() {
        RSocketRequester owner = connect(MAPO_CAMERA);
        RSocketRequester other = connect(SONGPA_CAMERA);
        UUID eventId = alarm(owner, MAPO_CAMERA);
        byte[] jpeg = DemoSnapshots.jpeg(3, 160, 120);

        Ack stolen = snapshot(other, eventId, SONGPA_CAMERA, jpeg);
        Ack claimed = snapshot(other, eventId, MAPO_CAMERA, jpeg);
        Ack unknown = snapshot(owner, UUID.randomUUID(), MAPO_CAMERA, jpeg);

        assertThat(List.of(stolen, claimed)).allSatisfy(ack -> assertThat(ack.reason()).isEqualTo(SnapshotRefusal.NOT_YOUR_EVENT.name()));
        assertThat(unknown.reason()).isEqualTo(SnapshotRefusal.UNKNOWN_EVENT.name());
        assertThat(storedSnapshots(eventId)).isZero();
        assertThat(snapshot(owner, eventId, MAPO_CAMERA, jpeg).outcome()).isEqualTo(Ack.Outcome.STORED);
        assertThat(snapshot(owner, eventId, MAPO_CAMERA, jpeg).outcome()).as("the same image again").isEqualTo(Ack.Outcome.DUPLICATE);
        assertThat(snapshot(owner, eventId, MAPO_CAMERA, DemoSnapshots.jpeg(4, 160, 120)).reason())
                .isEqualTo(SnapshotRefusal.SNAPSHOT_EXISTS.name());
    }

    @Test
    void a_stored_snapshot_is_kept_with_its_incident_and_shown_to_the_wards_operator_never_to_another_wards() {
        RSocketRequester camera = connect(MAPO_CAMERA);
        UUID eventId = alarm(camera, MAPO_CAMERA);
        byte[] jpeg = DemoSnapshots.jpeg(5, 320, 240);
        assertThat(snapshot(camera, eventId, MAPO_CAMERA, jpeg).outcome()).isEqualTo(Ack.Outcome.STORED);
        UUID incident = incidentOf(eventId);

        byte[] stored = db.sql("select jpeg from event_snapshot where event_id = $1 and incident_id = $2")
                .bind(0, eventId).bind(1, incident).map((row, meta) -> row.get("jpeg", byte[].class)).one().block(WAIT);
        assertThat(stored).isEqualTo(jpeg);
        List<SnapshotView> seen = snapshots(user("op.mapo"), incident);
        assertThat(seen).filteredOn(s -> s.eventId().equals(eventId)).singleElement().satisfies(s -> {
            assertThat(s.hidden()).isFalse();
            assertThat(s.jpeg()).isEqualTo(jpeg);
            assertThat(s.sha256()).isEqualTo(Tokens.sha256(jpeg));
            assertThat(s.deviceId()).isEqualTo(MAPO_CAMERA.id());
        });
        assertThat(accessLog(incident)).as("not a protected person's door: nothing to log").isEmpty();
        assertThatThrownBy(() -> snapshots(user("op.songpa"), incident)).hasMessageContaining("in your wards");
    }

    @Test
    void a_protected_persons_door_is_hidden_from_police_until_they_take_the_case_and_every_view_is_logged() {
        RSocketRequester camera = connect(PROTECTED_CAMERA);
        UUID eventId = alarm(camera, PROTECTED_CAMERA);
        byte[] jpeg = DemoSnapshots.jpeg(6, 160, 120);
        assertThat(snapshot(camera, eventId, PROTECTED_CAMERA, jpeg).outcome()).isEqualTo(Ack.Outcome.STORED);
        UUID incident = incidentOf(eventId);
        RSocketRequester police = user("police.mapo");
        RSocketRequester operator = user("op.mapo");

        assertThat(snapshots(police, incident)).singleElement().satisfies(s -> {
            assertThat(s.hidden()).isTrue();
            assertThat(s.jpeg()).isNull();
        });
        assertThat(accessLog(incident)).as("a hidden snapshot is not a view").isEmpty();

        assertThat(snapshots(operator, incident)).singleElement().satisfies(s -> {
            assertThat(s.hidden()).isFalse();
            assertThat(s.jpeg()).isEqualTo(jpeg);
        });
        assertThat(snapshots(operator, incident)).singleElement().extracting(SnapshotView::hidden).isEqualTo(false);
        assertThat(accessLog(incident)).as("each view").containsExactly(
                List.of("op.mapo", "OPERATOR", PROTECTED_HOME.id(), "SNAPSHOT"),
                List.of("op.mapo", "OPERATOR", PROTECTED_HOME.id(), "SNAPSHOT"));

        command(operator, incident, "REQUESTED");
        command(police, incident, "ACCEPTED");
        assertThat(snapshots(police, incident)).singleElement().satisfies(s -> {
            assertThat(s.hidden()).as("police took the case").isFalse();
            assertThat(s.jpeg()).isEqualTo(jpeg);
        });
        assertThat(accessLog(incident)).last().isEqualTo(List.of("police.mapo", "POLICE_LIAISON", PROTECTED_HOME.id(), "SNAPSHOT"));
    }

    @Test
    void the_evidence_export_holds_every_file_with_matching_hashes_is_logged_masked_for_police_and_refused_outside_the_ward()
            throws IOException {
        RSocketRequester camera = connect(EXPORTED_CAMERA);
        UUID eventId = alarm(camera, EXPORTED_CAMERA);
        byte[] jpeg = DemoSnapshots.jpeg(7, 160, 120);
        assertThat(snapshot(camera, eventId, EXPORTED_CAMERA, jpeg).outcome()).isIn(Ack.Outcome.STORED);
        UUID incident = incidentOf(eventId);
        RSocketRequester operator = user("op.mapo");
        int logBefore = accessLog(incident).size();

        Map<String, byte[]> files = unzip(export(operator, incident));

        assertThat(files.keySet()).contains(EvidenceExport.INCIDENT, EvidenceExport.TIMELINE, EvidenceExport.PROCEDURES,
                EvidenceExport.DISPATCHES, EvidenceExport.CALLS, EvidenceExport.SNAPSHOTS + eventId + ".jpg", EvidenceExport.MANIFEST);
        assertThat(files.get(EvidenceExport.SNAPSHOTS + eventId + ".jpg")).isEqualTo(jpeg);
        JsonNode manifest = json.readTree(files.get(EvidenceExport.MANIFEST));
        assertThat(manifest.get("exportedBy").asText()).isEqualTo("op.mapo");
        assertThat(manifest.get("masked").asBoolean()).isFalse();
        Map<String, String> hashes = new LinkedHashMap<>();
        manifest.get("files").forEach(f -> hashes.put(f.get("name").asText(), f.get("sha256").asText()));
        assertThat(hashes.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet().stream()
                .filter(name -> !name.equals(EvidenceExport.MANIFEST)).toList());
        hashes.forEach((name, sha256) -> assertThat(Tokens.sha256(files.get(name))).as(name).isEqualTo(sha256));
        assertThat(json.readTree(files.get(EvidenceExport.INCIDENT)).get("contactName").asText())
                .isEqualTo(EXPORTED_HOME.contactName());
        assertThat(json.readTree(files.get(EvidenceExport.CALLS)).get("call112").asText()).isEqualTo("NOT_REQUESTED");
        assertThat(exports(incident)).containsExactly(List.of("op.mapo", "OPERATOR", false));
        assertThat(accessLog(incident).subList(logBefore, accessLog(incident).size()))
                .containsExactly(List.of("op.mapo", "OPERATOR", EXPORTED_HOME.id(), "EXPORT"));

        Map<String, byte[]> masked = unzip(export(user("police.mapo"), incident));
        assertThat(masked).containsKeys(EvidenceExport.INCIDENT, EvidenceExport.MANIFEST)
                .doesNotContainKey(EvidenceExport.SNAPSHOTS + eventId + ".jpg");
        assertThat(json.readTree(masked.get(EvidenceExport.INCIDENT)).get("contactName").asText()).isEqualTo("***");
        assertThat(json.readTree(masked.get(EvidenceExport.MANIFEST)).get("snapshotsWithheld").asInt()).isEqualTo(1);
        assertThat(exports(incident)).containsExactly(List.of("op.mapo", "OPERATOR", false), List.of("police.mapo", "POLICE_LIAISON", true));

        assertThatThrownBy(() -> export(user("op.songpa"), incident)).hasMessageContaining("in your wards");
        assertThatThrownBy(() -> export(user("admin"), incident)).hasMessageContaining("may not export");
        assertThat(exports(incident)).as("refused exports leave nothing").hasSize(2);
    }

    private RSocketRequester connect(DemoCity.Device device) {
        RSocketRequester connection = TestConnections.camera(strategies, port, device);
        open.add(connection);
        return connection;
    }

    private RSocketRequester user(String username) {
        RSocketRequester connection = TestConnections.signedIn(strategies, port, username, "anshim-demo");
        open.add(connection);
        return connection;
    }

    private static UUID alarm(RSocketRequester camera, DemoCity.Device device) {
        DeviceEvent event = new DeviceEvent(UUID.randomUUID(), device.id(), Instant.now(), "TAMPER", Map.of());
        Ack ack = camera.route(Routes.ALARM).data(event).retrieveMono(Ack.class).block(WAIT);
        assertThat(ack.durable()).as(String.valueOf(ack)).isTrue();
        return event.eventId();
    }

    private static Ack snapshot(RSocketRequester camera, UUID eventId, DemoCity.Device declared, byte[] image) {
        return camera.route(Routes.SNAPSHOT).data(SnapshotUpload.encode(eventId, declared.id(), image))
                .retrieveMono(Ack.class).block(WAIT);
    }

    private UUID incidentOf(UUID eventId) {
        return db.sql("select incident_id from device_event where event_id = $1").bind(0, eventId)
                .map((row, meta) -> row.get("incident_id", UUID.class)).one().block(WAIT);
    }

    private long storedSnapshots(UUID eventId) {
        return db.sql("select count(*) as n from event_snapshot where event_id = $1").bind(0, eventId)
                .map((row, meta) -> row.get("n", Long.class)).one().block(WAIT);
    }

    private double refusals(SnapshotRefusal reason) {
        return meters.counter("anshim.snapshots", "outcome", "REJECTED", "reason", reason.name()).count();
    }

    private static List<SnapshotView> snapshots(RSocketRequester user, UUID incident) {
        return user.route(Routes.INCIDENT_SNAPSHOTS).data(incident.toString()).retrieveFlux(SnapshotView.class)
                .collectList().block(WAIT);
    }

    private static byte[] export(RSocketRequester user, UUID incident) {
        List<byte[]> chunks = user.route(Routes.INCIDENT_EXPORT).data(incident.toString()).retrieveFlux(byte[].class)
                .collectList().block(WAIT);
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        chunks.forEach(chunk -> {
            assertThat(chunk.length).isLessThanOrEqualTo(EvidenceExport.CHUNK);
            zip.writeBytes(chunk);
        });
        return zip.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private List<List<Object>> accessLog(UUID incident) {
        return db.sql("select reader, role, household_id, what from protected_access where incident_id = $1 order by id")
                .bind(0, incident)
                .map((row, meta) -> List.<Object>of(row.get("reader", String.class), row.get("role", String.class),
                        row.get("household_id", String.class), row.get("what", String.class)))
                .all().collectList().block(WAIT);
    }

    private List<List<Object>> exports(UUID incident) {
        return db.sql("select exporter, role, masked from evidence_export where incident_id = $1 order by id").bind(0, incident)
                .map((row, meta) -> List.<Object>of(row.get("exporter", String.class), row.get("role", String.class),
                        row.get("masked", Boolean.class)))
                .all().collectList().block(WAIT);
    }

    private static void command(RSocketRequester user, UUID incident, String call112) {
        kr.anshim.api.CommandResult result = user.route(Routes.INCIDENT_COMMAND)
                .data(kr.anshim.api.IncidentCommand.of(incident, kr.anshim.api.IncidentCommand.Action.CALL_112, "ignored")
                        .withValue(call112))
                .retrieveMono(kr.anshim.api.CommandResult.class).block(WAIT);
        assertThat(result.accepted()).as(result.error()).isTrue();
    }

    private static DemoCity.Household home(String ward, double latitude, double longitude, boolean protectedPerson, String tag) {
        String id = "H-" + ward + "-S" + RUN + tag;
        return new DemoCity.Household(id, ward, latitude, longitude, protectedPerson, "김안심", "010-1234-5678",
                "서울특별시 " + (ward.equals("11440") ? "마포구" : "송파구") + " 테스트로 " + RUN.length() + "길 13", id);
    }

    private static DemoCity.Device camera(DemoCity.Household home) {
        return new DemoCity.Device("DC" + home.id().substring(1),
                DeviceFamily.DOOR_CAMERA, home.id(), "snapshot-it-token-" + RUN);
    }
}
