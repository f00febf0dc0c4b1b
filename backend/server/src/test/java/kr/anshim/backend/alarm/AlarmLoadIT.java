package kr.anshim.backend.alarm;

import kr.anshim.api.Ack;
import kr.anshim.api.AlarmAuditEntry;
import kr.anshim.api.AlarmLoad;
import kr.anshim.api.AlarmLoadQuery;
import kr.anshim.api.AlarmLoadReport;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.FloodState;
import kr.anshim.api.Routes;
import kr.anshim.api.SuppressedDevice;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.device.DeviceRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Eleven incidents in a ward within seconds put its console in flood: recorded in {@code alarm_flood}
 * and the alarm audit, shown by {@code alarm.flood} to those who see the ward, and measured by
 * {@code alarm.load}, which only supervisors may read.
 */
@BackendIT
class AlarmLoadIT {

    static final ParameterizedTypeReference<List<FloodState>> FLOODS = new ParameterizedTypeReference<>() {
    };

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    @Autowired
    DeviceRegistry registry;

    @Test
    void eleven_incidents_in_ten_minutes_flood_the_ward_and_the_flood_is_recorded_and_measured() {
        Instant start = Instant.now();
        String ward = busiestWardOtherThanMapo();
        List<DemoCity.Device> cameras = camerasOfDistinctHouseholds(ward, 11);
        RSocketRequester gateway = TestConnections.gateway(strategies, port);
        RSocketRequester supervisor = TestConnections.ui(strategies, port);
        RSocketRequester operator = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
        try {
            assertThat(floods(supervisor, ward)).extracting(FloodState::flood).as("not in flood before").containsExactly(false);
            for (DemoCity.Device camera : cameras) {
                Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(camera, "TAMPER", Map.of()))
                        .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
                assertThat(ack.durable()).isTrue();
            }

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(floods(supervisor, ward)).singleElement().satisfies(state -> {
                        assertThat(state.flood()).isTrue();
                        assertThat(state.last10Minutes()).isGreaterThanOrEqualTo(11);
                    }));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(db.sql("select count(*) from alarm_flood where ward_code = $1 and started_at >= $2 and ended_at is null")
                        .bind(0, ward).bind(1, start.atOffset(java.time.ZoneOffset.UTC))
                        // each backend instance on this database records what its own monitor saw (other ITs
                        // start more instances in this JVM), so at least one open flood row, not exactly one
                        .map(row -> row.get(0, Long.class)).one().block()).isGreaterThanOrEqualTo(1L);
                List<AlarmAuditEntry> audit = supervisor.route(Routes.ALARM_AUDIT).retrieveFlux(AlarmAuditEntry.class)
                        .collectList().block(Duration.ofSeconds(10));
                assertThat(audit).anySatisfy(entry -> {
                    assertThat(entry.action()).isEqualTo("FLOOD_ENTERED");
                    assertThat(entry.wardCode()).isEqualTo(ward);
                    assertThat(entry.actor()).isEqualTo("system");
                });
            });
            // the flood state is ward-scoped: the Mapo operator asking for this ward gets only Mapo's, or a refusal
            assertThatThrownBy(() -> floods(operator, ward)).hasMessageContaining("alarm.refused.no-wards");
            assertThat(operator.route(Routes.ALARM_FLOOD).data(List.of()).retrieveMono(FLOODS).block(Duration.ofSeconds(10)))
                    .extracting(FloodState::wardCode).containsExactly("11440");

            AlarmLoadQuery query = new AlarmLoadQuery(start.minus(Duration.ofMinutes(1)), Instant.now().plusSeconds(60), List.of(ward));
            AlarmLoadReport report = supervisor.route(Routes.ALARM_LOAD).data(query).retrieveMono(AlarmLoadReport.class)
                    .block(Duration.ofSeconds(20));
            assertThat(report.wards()).singleElement().satisfies(load -> {
                assertThat(load.key()).isEqualTo(ward);
                assertThat(load.presented()).isGreaterThanOrEqualTo(11);
                assertThat(load.peak10Minutes()).isGreaterThanOrEqualTo(11);
                assertThat(load.floods()).isEqualTo(1);
                assertThat(load.ratings()).containsEntry("peak10Minutes", "RED");
                assertThat(load.top()).hasSize(10).allSatisfy(source -> assertThat(source.presented()).isPositive());
            });
            assertThatThrownBy(() -> operator.route(Routes.ALARM_LOAD).data(query).retrieveMono(AlarmLoadReport.class)
                    .block(Duration.ofSeconds(10))).hasMessageContaining("alarm.refused.supervisors-only");
        } finally {
            gateway.dispose();
            supervisor.dispose();
            operator.dispose();
        }
    }

    @Test
    void a_device_that_signals_three_times_in_a_minute_is_suppressed_into_its_incident_and_counts_repeats() {
        // the flood test uses the first 11 of the busiest ward
        DemoCity.Device camera = camerasOfDistinctHouseholds(busiestWardOtherThanMapo(), 12).get(11);
        RSocketRequester gateway = TestConnections.gateway(strategies, port);
        RSocketRequester supervisor = TestConnections.ui(strategies, port);
        try {
            for (int i = 0; i < 4; i++) {
                Ack ack = gateway.route(Routes.ALARM).data(TestDevices.event(camera, "TAMPER", Map.of()))
                        .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
                assertThat(ack.durable()).isTrue();
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(supervisor.route(Routes.ALARM_SUPPRESSED).retrieveFlux(SuppressedDevice.class)
                            .collectList().block(Duration.ofSeconds(10)))
                            .filteredOn(s -> s.deviceId().equals(camera.id())).singleElement()
                            .satisfies(s -> assertThat(s.repeats()).isEqualTo(4)));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(supervisor.route(Routes.ALARM_AUDIT).retrieveFlux(AlarmAuditEntry.class)
                            .collectList().block(Duration.ofSeconds(10)))
                            .filteredOn(e -> camera.id().equals(e.target()))
                            .extracting(AlarmAuditEntry::action).containsExactly("CHATTER_SUPPRESSED"));
            assertThat(db.sql("select count(distinct incident_id) from device_event where device_id = $1").bind(0, camera.id())
                    .map(row -> row.get(0, Long.class)).one().block()).as("one incident holds all four").isEqualTo(1L);
        } finally {
            gateway.dispose();
            supervisor.dispose();
        }
    }

    private List<FloodState> floods(RSocketRequester requester, String ward) {
        return requester.route(Routes.ALARM_FLOOD).data(List.of(ward)).retrieveMono(FLOODS).block(Duration.ofSeconds(10));
    }

    /** The ward with the most demo households, Mapo (which other tests use) aside. */
    private static String busiestWardOtherThanMapo() {
        return TestDevices.CITY.households().stream().map(DemoCity.Household::wardCode).filter(w -> !w.equals("11440"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Door cameras of different ordinary households of the ward, from the end of the list, none revoked. */
    private List<DemoCity.Device> camerasOfDistinctHouseholds(String ward, int count) {
        Map<String, DemoCity.Household> homes = TestDevices.CITY.households().stream()
                .filter(h -> h.wardCode().equals(ward) && !h.protectedPerson())
                .collect(Collectors.toMap(DemoCity.Household::id, Function.identity()));
        List<DemoCity.Device> cameras = TestDevices.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA && homes.containsKey(d.householdId()))
                .filter(d -> registry.find(d.id()).map(r -> !r.revoked()).orElse(false))
                .sorted(Comparator.comparing(DemoCity.Device::id).reversed())
                .collect(Collectors.toMap(DemoCity.Device::householdId, Function.identity(), (a, b) -> a))
                .values().stream().sorted(Comparator.comparing(DemoCity.Device::id).reversed()).limit(count).toList();
        assertThat(cameras).as("enough cameras in " + ward).hasSize(count);
        return cameras;
    }
}
