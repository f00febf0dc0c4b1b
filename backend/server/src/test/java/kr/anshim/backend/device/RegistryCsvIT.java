package kr.anshim.backend.device;

import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Households and devices imported from CSV can connect and send at once; bad files import nothing. */
@BackendIT
class RegistryCsvIT {

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DeviceRegistry registry;

    @Autowired
    DatabaseClient db;

    @Test
    void an_imported_device_connects_with_its_token_and_its_alarm_is_stored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("households.csv"), """
                id,ward_code,latitude,longitude,protected_person,contact_name,contact_phone,address
                H-CSV-0001,11440,37.5663,126.9019,true,김안심,010-0000-0001,서울특별시 마포구 월드컵북로 1
                """);
        Files.writeString(dir.resolve("devices.csv"), """
                id,family,household_id,token_sha256
                EB-CSV-0001,EMERGENCY_BELL,H-CSV-0001,%s
                """.formatted(Tokens.sha256("csv-secret")));

        RegistryCsv.Contents contents = RegistryCsv.read(dir.resolve("households.csv"), dir.resolve("devices.csv"));
        registry.ready().then(registry.importRows(contents.households(), contents.devices())).block(Duration.ofSeconds(10));

        assertThat(registry.find("EB-CSV-0001")).get().satisfies(d -> {
            assertThat(d.wardCode()).isEqualTo("11440");
            assertThat(d.protectedPerson()).isTrue();
        });
        RSocketRequester bell = TestConnections.connect(strategies, port, ConnectionCredentials.device("EB-CSV-0001", "csv-secret"));
        DeviceEvent pressed = new DeviceEvent(UUID.randomUUID(), "EB-CSV-0001", Instant.now(), "BELL_PRESSED", Map.of());
        Ack ack = bell.route(Routes.ALARM).data(pressed).retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        assertThat(ack.outcome()).isEqualTo(Ack.Outcome.STORED);
        bell.dispose();
    }

    @Test
    void a_device_of_an_unknown_household_rolls_back_the_whole_import(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("households.csv"), """
                id,ward_code,latitude,longitude,protected_person,contact_name,contact_phone,address
                H-ROLLBACK,11440,37.5663,126.9019,false,a,b,c
                """);
        Files.writeString(dir.resolve("devices.csv"), """
                id,family,household_id,token_sha256
                DC-ROLLBACK,DOOR_CAMERA,H-NOWHERE,%s
                """.formatted(Tokens.sha256("t")));
        RegistryCsv.Contents contents = RegistryCsv.read(dir.resolve("households.csv"), dir.resolve("devices.csv"));

        assertThatThrownBy(() -> registry.importRows(contents.households(), contents.devices()).block(Duration.ofSeconds(10)))
                .hasMessageContaining("household");
        Long households = db.sql("select count(*) as n from household where id = 'H-ROLLBACK'")
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(households).isZero();
    }

    @Test
    void a_file_with_errors_is_refused_with_every_problem_and_its_line(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("households.csv"), """
                id,ward_code,latitude,longitude,protected_person,contact_name,contact_phone,address
                H-OK,11440,37.5663,126.9019,false,a,b,c
                H-BAD,99999,37.5663,126.9019,false,a,b,c
                H-FAR,11440,35.1,129.0,false,a,b,c
                """);
        Files.writeString(dir.resolve("devices.csv"), """
                id,family,household_id,token_sha256
                DC-X,DOOR_CAMERA,H-OK,plain-token
                DC-Y,TOASTER,H-OK,%s
                """.formatted(Tokens.sha256("t")));

        assertThatThrownBy(() -> RegistryCsv.read(dir.resolve("households.csv"), dir.resolve("devices.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("households.csv line 3: unknown ward code '99999'")
                .hasMessageContaining("households.csv line 4: location 35.1,129.0 is outside Seoul")
                .hasMessageContaining("devices.csv line 2: token_sha256 must be 64 lowercase hex digits")
                .hasMessageContaining("devices.csv line 3: unknown family 'TOASTER'");
        assertThat(registry.find("DC-X")).isEmpty();
    }
}
