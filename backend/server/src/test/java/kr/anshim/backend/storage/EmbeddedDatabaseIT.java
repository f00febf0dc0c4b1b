package kr.anshim.backend.storage;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.device.Tokens;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.Signal;
import kr.anshim.backend.ranking.SeverityRanking;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** R2DBC against the real embedded PostgreSQL that Flyway migrated. */
@BackendIT
class EmbeddedDatabaseIT {

    @Autowired
    DatabaseClient db;

    @Autowired
    DeviceRegistry registry;

    @Autowired
    IncidentStore incidents;

    @Autowired
    SeverityRanking ranking;

    @Test
    void the_migrations_load_all_twenty_five_wards() {
        StepVerifier.create(db.sql("select count(*) as n, sum(single_person_households) as total from ward")
                        .map(row -> List.of(row.get("n", Long.class), row.get("total", Long.class))).one())
                .expectNext(List.of(25L, 1_489_893L))
                .verifyComplete();
    }

    @Test
    void the_demo_registry_covers_every_ward_and_stores_only_token_digests() {
        StepVerifier.create(registry.ready()).verifyComplete();
        StepVerifier.create(db.sql("select count(distinct ward_code) as wards from household")
                        .map(row -> row.get("wards", Long.class)).one())
                .expectNext(25L)
                .verifyComplete();

        var camera = TestDevices.first(DeviceFamily.DOOR_CAMERA);
        RegisteredDevice stored = registry.find(camera.id()).orElseThrow();
        assertThat(stored.tokenSha256()).hasSize(64).isNotEqualTo(camera.token());
        assertThat(Tokens.matches(camera.token(), stored.tokenSha256())).isTrue();
        assertThat(Tokens.matches("wrong", stored.tokenSha256())).isFalse();
    }

    @Test
    void an_incident_written_is_read_back_with_its_signals_and_ranking() {
        StepVerifier.create(registry.ready()).verifyComplete();
        var lock = TestDevices.first(DeviceFamily.DOOR_LOCK);
        RegisteredDevice device = registry.find(lock.id()).orElseThrow();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Signal signal = new Signal(UUID.randomUUID(), device.id(), device.family(), SignalType.WRONG_CODES, at,
                device.householdId(), device.wardCode(), device.latitude(), device.longitude(), device.protectedPerson());
        Incident incident = Incident.open(UUID.randomUUID(), signal, ranking, at);

        StepVerifier.create(incidents.write(List.of(incident), id -> 0L).then(incidents.byId(incident.id())))
                .assertNext(read -> {
                    assertThat(read.wardCode()).isEqualTo(device.wardCode());
                    assertThat(read.signalCounts()).containsEntry(SignalType.WRONG_CODES, 1);
                    assertThat(read.deviceIds()).containsExactly(device.id());
                    assertThat(read.openedAt()).isEqualTo(at);
                    assertThat(read.ranking().reasons()).first().isEqualTo("WRONG_CODES +50");
                })
                .verifyComplete();
    }
}
