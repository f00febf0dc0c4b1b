package kr.anshim.backend.incident;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.device.DeviceRegistry;
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
import static org.awaitility.Awaitility.await;

/**
 * Two writers of one incident on one PostgreSQL. This backend's journal holds the incident in
 * memory; a second writer (another backend instance, here writing straight to the shared database
 * as an instance's command does: row and audit entry in one transaction) acknowledges it. Then a
 * new signal of the same household reaches this backend, which folds it into its now stale copy.
 * Without a version check that copy (status NEW) was written back over the acknowledgement, and
 * the audit trail (ending in ACKNOWLEDGED) no longer matched the row.
 */
@BackendIT
class StaleWriteIT {

    private static final String STATUS = "select status, version from incident where id = $1";
    private static final String REPLAYED = """
            select to_state from incident_transition where incident_id = $1 and kind = 'STATUS' order by id desc limit 1""";

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
    IncidentStore incidents;

    @Autowired
    kr.anshim.backend.ranking.SeverityRanking ranking;

    @Autowired
    java.time.Clock clock;

    @Test
    void a_signal_folded_into_a_stale_copy_never_undoes_another_writers_acknowledgement() {
        DemoCity.Device lock = usableLock();
        RSocketRequester device = TestConnections.gateway(strategies, port);
        try {
            assertThat(send(device, lock)).satisfies(ack -> assertThat(ack.durable()).as("%s", ack).isTrue());
            UUID incident = incidentOf(lock);
            long opened = version(incident);
            assertThat(status(incident)).isEqualTo("NEW");

            acknowledgeAsAnotherInstance(incident, opened);
            double staleBefore = staleWrites();

            Ack second = send(device, lock);

            assertThat(second.durable()).as("the second signal is stored all the same").isTrue();
            assertThat(status(incident)).as("the acknowledgement stands").isEqualTo("ACKNOWLEDGED");
            assertThat(version(incident)).as("the signal was folded into the acknowledged state").isEqualTo(opened + 2);
            assertThat(replayedStatus(incident)).as("the audit trail replayed equals the row").isEqualTo(status(incident));
            assertThat(staleWrites()).as("the stale write was refused and counted").isGreaterThan(staleBefore);
            assertThat(eventsOf(incident)).as("both events stored, linked to the one incident").isEqualTo(2);
        } finally {
            device.dispose();
        }
    }

    @Test
    void of_two_writers_holding_the_same_version_only_the_first_is_stored() {
        DemoCity.Device lock = TestDevices.CITY.devices().stream().filter(d -> d.family() == DeviceFamily.DOOR_LOCK)
                .skip(1).findFirst().orElseThrow();
        Signal signal = signal(lock);
        Incident opened = Incident.open(UUID.randomUUID(), signal, ranking, clock.instant());
        incidents.write(List.of(opened), id -> 0L).block(Duration.ofSeconds(10));
        Incident readByA = incidents.byId(opened.id()).block(Duration.ofSeconds(10));
        Incident readByB = incidents.byId(opened.id()).block(Duration.ofSeconds(10));

        Incident acknowledged = readByA.withStatus(IncidentStatus.ACKNOWLEDGED, null, clock.instant());
        incidents.write(List.of(acknowledged), id -> readByA.version()).block(Duration.ofSeconds(10));
        Incident folded = readByB.with(signal(lock), ranking, clock.instant());

        assertThatThrownBy(() -> incidents.write(List.of(folded), id -> readByB.version()).block(Duration.ofSeconds(10)))
                .isInstanceOf(StaleIncidents.class)
                .satisfies(error -> assertThat(((StaleIncidents) error).ids()).containsExactly(opened.id()));
        assertThat(incidents.byId(opened.id()).block(Duration.ofSeconds(10)))
                .satisfies(row -> assertThat(row.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED))
                .satisfies(row -> assertThat(row.version()).isEqualTo(acknowledged.version()));
        assertThatThrownBy(() -> incidents.write(List.of(opened), id -> 0L).block(Duration.ofSeconds(10)))
                .as("an incident already stored is never inserted again over read version 0")
                .isInstanceOf(StaleIncidents.class);
    }

    private Signal signal(DemoCity.Device lock) {
        var device = registry.find(lock.id()).orElseThrow();
        return new Signal(UUID.randomUUID(), device.id(), device.family(), kr.anshim.api.SignalType.WRONG_CODES,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), device.householdId(), device.wardCode(),
                device.latitude(), device.longitude(), device.protectedPerson());
    }

    private DemoCity.Device usableLock() {
        return TestDevices.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.DOOR_LOCK)
                .filter(d -> registry.find(d.id()).map(found -> !found.revoked()).orElse(false))
                .reduce((earlier, later) -> later).orElseThrow();
    }

    private static Ack send(RSocketRequester device, DemoCity.Device lock) {
        return device.route(Routes.ALARM).data(TestDevices.event(lock, "WRONG_CODES", Map.of("count", 5)))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
    }

    /** What another instance's acknowledge command commits: the row (over the version it read) and its audit entry. */
    private void acknowledgeAsAnotherInstance(UUID incident, long read) {
        Long changed = db.sql("update incident set status = 'ACKNOWLEDGED', version = version + 1 where id = $1 and version = $2")
                .bind(0, incident).bind(1, read).fetch().rowsUpdated().block(Duration.ofSeconds(10));
        assertThat(changed).isEqualTo(1L);
        db.sql("""
                        insert into incident_transition (incident_id, at, actor, kind, from_state, to_state, note)
                        values ($1, now(), 'op-on-b', 'STATUS', 'NEW', 'ACKNOWLEDGED', null)""")
                .bind(0, incident).then().block(Duration.ofSeconds(10));
    }

    private UUID incidentOf(DemoCity.Device lock) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("""
                                select id from incident where household_id = $1 and status not in ('RESOLVED', 'FALSE_ALARM', 'CANCELLED')""")
                        .bind(0, lock.householdId()).map(row -> row.get("id", UUID.class)).all().collectList()
                        .block(Duration.ofSeconds(10)),
                ids -> ids.size() == 1).get(0);
    }

    private String status(UUID incident) {
        return db.sql(STATUS).bind(0, incident).map(row -> row.get("status", String.class)).one().block(Duration.ofSeconds(10));
    }

    private long version(UUID incident) {
        return db.sql(STATUS).bind(0, incident).map(row -> row.get("version", Long.class)).one().block(Duration.ofSeconds(10));
    }

    private String replayedStatus(UUID incident) {
        return db.sql(REPLAYED).bind(0, incident).map(row -> row.get("to_state", String.class)).one().block(Duration.ofSeconds(10));
    }

    private long eventsOf(UUID incident) {
        return db.sql("select count(*) as n from device_event where incident_id = $1").bind(0, incident)
                .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
    }

    private double staleWrites() {
        return meters.find("anshim.incident.stale.writes").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
