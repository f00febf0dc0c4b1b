package kr.anshim.backend.responder;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.DemoResponders;
import kr.anshim.api.ResponderKind;
import kr.anshim.api.ResponderPosition;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.ResponderRoutes;
import kr.anshim.api.ResponderView;
import kr.anshim.api.Wards;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The responder routes over a real RSocket connection to the real server on port 0, over a real
 * PostgreSQL seeded with the demo roster. The screen connects as a service, the simulator as the
 * demo gateway. Each test moves its own responders, so the tests do not depend on each other.
 */
@BackendIT
class ResponderRoutesIT {

    private static final List<DemoResponders.Responder> DEMO = DemoResponders.generate(20221101L);
    private static final ParameterizedTypeReference<List<ResponderRecommendation>> RECOMMENDATIONS =
            new ParameterizedTypeReference<>() {
            };

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    ResponderRoster roster;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    RSocketRequester screen;
    RSocketRequester gateway;

    @BeforeEach
    void connect() {
        screen = TestConnections.ui(strategies, port);
        gateway = TestConnections.gateway(strategies, port);
        roster.ready().block(Duration.ofSeconds(10));
    }

    @AfterEach
    void disconnect() {
        screen.dispose();
        gateway.dispose();
    }

    @Test
    void the_demo_roster_has_a_patrol_car_from_every_one_of_the_31_police_stations() {
        List<ResponderView> snapshot = live().take(DEMO.size()).collectList().block(Duration.ofSeconds(10));

        Set<String> stations = Wards.seoul().all().stream().flatMap(w -> w.policeStations().stream()).collect(Collectors.toSet());
        assertThat(stations).hasSize(31);
        assertThat(snapshot).extracting(ResponderView::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(DEMO.stream().map(DemoResponders.Responder::id).toList());
        assertThat(snapshot.stream().filter(r -> r.kind().equals("POLICE_PATROL")).map(ResponderView::baseName)
                .collect(Collectors.toSet())).isEqualTo(stations);
        assertThat(snapshot.stream().filter(r -> r.kind().equals("SECURITY_GUARD")).map(ResponderView::wardCode)
                .collect(Collectors.toSet())).hasSize(25);
        Long storedStations = db.sql("select count(distinct base_name) as n from responder where kind = 'POLICE_PATROL'")
                .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
        assertThat(storedStations).isEqualTo(31L);
    }

    @Test
    void a_position_sent_by_the_simulator_appears_on_the_live_stream_and_in_the_history() {
        String id = "PC-11500-02";
        ResponderPosition report = new ResponderPosition(id, 37.56801, 126.81633, Instant.now());
        Flux<ResponderView> moved = live().filter(view -> view.id().equals(id)
                && view.latitude() == report.latitude() && view.longitude() == report.longitude());

        StepVerifier.create(moved.take(1))
                .then(() -> gateway.route(ResponderRoutes.RESPONDER_POSITION).data(report).send().subscribe())
                .assertNext(view -> {
                    assertThat(view.callSign()).isEqualTo("강서경찰서 순찰 2호");
                    assertThat(view.status()).isEqualTo("AVAILABLE");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(roster.history(id)).last().isEqualTo(report);
    }

    @Test
    void bad_position_reports_are_counted_by_reason_and_do_not_stop_the_good_ones() {
        double unknown = rejected(ResponderRoutes.RESPONDER_POSITION, "UNKNOWN_RESPONDER");
        double invalid = rejected(ResponderRoutes.RESPONDER_POSITION, "INVALID_COORDINATES");
        double outside = rejected(ResponderRoutes.RESPONDER_POSITION, "OUTSIDE_SEOUL");
        String id = "SG-11710-01";

        sendRaw(gateway, "{\"responderId\":\"PC-99999-01\",\"latitude\":37.5,\"longitude\":127.1}");
        sendRaw(gateway, "{\"responderId\":\"" + id + "\",\"latitude\":\"NaN\",\"longitude\":127.1}");
        sendRaw(gateway, "{\"responderId\":\"" + id + "\",\"latitude\":35.1796,\"longitude\":129.0756}");
        sendRaw(gateway, "{\"responderId\":\"" + id + "\",\"latitude\":37.50811,\"longitude\":127.11702}");

        eventually(() -> roster.find(id).orElseThrow().latitude() == 37.50811);
        assertThat(rejected(ResponderRoutes.RESPONDER_POSITION, "UNKNOWN_RESPONDER")).isEqualTo(unknown + 1);
        assertThat(rejected(ResponderRoutes.RESPONDER_POSITION, "INVALID_COORDINATES")).isEqualTo(invalid + 1);
        assertThat(rejected(ResponderRoutes.RESPONDER_POSITION, "OUTSIDE_SEOUL")).isEqualTo(outside + 1);
    }

    @Test
    void recommend_returns_the_nearest_available_responder_first_and_skips_one_on_a_call() {
        // Two Gangnam patrol cars report from a street corner 20 m apart; no demo base is that close.
        double sceneLat = 37.51555;
        double sceneLon = 127.04901;
        assertThat(DEMO).allSatisfy(r -> assertThat(ClosestResponders.distanceMetres(sceneLat, sceneLon,
                r.baseLatitude(), r.baseLongitude())).isGreaterThan(50));
        move("PC-11680-05", sceneLat + 0.00009, sceneLon);
        move("PC-11680-04", sceneLat + 0.00018, sceneLon);
        String scene = "{\"latitude\":" + sceneLat + ",\"longitude\":" + sceneLon + ",\"perKind\":3}";

        List<ResponderRecommendation> first = recommend(scene);

        assertThat(first).hasSize(6);
        assertThat(first).extracting(ResponderRecommendation::responderId).startsWith("PC-11680-05", "PC-11680-04");
        assertThat(first.get(0).distanceMetres()).isBetween(9.0, 11.0);
        assertThat(first.get(0).etaSeconds()).isEqualTo(ClosestResponders.etaSeconds(ResponderKind.POLICE_PATROL,
                first.get(0).distanceMetres()));
        assertThat(first).extracting(ResponderRecommendation::distanceMetres).isSorted();
        assertThat(first).filteredOn(r -> r.kind().equals("SECURITY_GUARD")).hasSize(3);

        UUID incident = UUID.randomUUID();
        roster.assign("PC-11680-05", incident).block(Duration.ofSeconds(10));
        try {
            List<ResponderRecommendation> second = recommend(scene);
            assertThat(second.get(0).responderId()).isEqualTo("PC-11680-04");
            assertThat(second).extracting(ResponderRecommendation::responderId).doesNotContain("PC-11680-05");
            String stored = db.sql("select status || ' ' || incident_id as s from responder where id = 'PC-11680-05'")
                    .map(row -> row.get("s", String.class)).one().block(Duration.ofSeconds(10));
            assertThat(stored).isEqualTo("DISPATCHED " + incident);
        } finally {
            roster.updateStatus("PC-11680-05", "AVAILABLE").block(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "INVALID_COORDINATES | {\"latitude\":\"NaN\",\"longitude\":126.9}",
            "INVALID_COORDINATES | {\"longitude\":126.9}",
            "OUTSIDE_SEOUL       | {\"latitude\":35.1796,\"longitude\":129.0756}",
            "OUTSIDE_SEOUL       | {\"latitude\":126.9,\"longitude\":37.5}",
            "INVALID_PER_KIND    | {\"latitude\":37.5,\"longitude\":126.9,\"perKind\":0}",
            "MALFORMED_JSON      | {oops"})
    void a_bad_recommend_request_is_answered_with_its_reason_and_counted(String reason, String json) {
        double before = rejected(ResponderRoutes.RESPONDERS_RECOMMEND, reason);

        StepVerifier.create(screen.route(ResponderRoutes.RESPONDERS_RECOMMEND).data(json.getBytes(StandardCharsets.UTF_8))
                        .retrieveMono(RECOMMENDATIONS))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageStartingWith(reason + ": "))
                .verify(Duration.ofSeconds(10));

        assertThat(rejected(ResponderRoutes.RESPONDERS_RECOMMEND, reason)).isEqualTo(before + 1);
        assertThat(recommend("{\"latitude\":37.5,\"longitude\":126.9}")).hasSize(6);
    }

    @Test
    void bad_input_on_the_same_connection_never_ends_the_live_stream() {
        String id = "SG-11110-01";
        Flux<ResponderView> moved = live().filter(view -> view.id().equals(id) && view.latitude() == 37.61301);

        StepVerifier.create(moved.take(1))
                .then(() -> sendRaw(screen, "{not json"))
                .then(() -> screen.route(ResponderRoutes.RESPONDERS_RECOMMEND).data(Map.of("latitude", 0, "longitude", 0))
                        .retrieveMono(RECOMMENDATIONS).onErrorResume(e -> Mono.empty()).subscribe())
                .then(() -> move(id, 37.61301, 126.96811))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void a_gateway_may_report_positions_but_not_watch_screens_or_ask_for_recommendations() {
        StepVerifier.create(gateway.route(ResponderRoutes.RESPONDERS_LIVE).retrieveFlux(ResponderView.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("may not use this route"))
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(gateway.route(ResponderRoutes.RESPONDERS_RECOMMEND).data(Map.of("latitude", 37.5, "longitude", 126.9))
                        .retrieveMono(RECOMMENDATIONS))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("may not use this route"))
                .verify(Duration.ofSeconds(10));
    }

    private Flux<ResponderView> live() {
        return screen.route(ResponderRoutes.RESPONDERS_LIVE).retrieveFlux(ResponderView.class);
    }

    private List<ResponderRecommendation> recommend(String json) {
        return screen.route(ResponderRoutes.RESPONDERS_RECOMMEND).data(json.getBytes(StandardCharsets.UTF_8))
                .retrieveMono(RECOMMENDATIONS).block(Duration.ofSeconds(10));
    }

    /** Reports a position as the simulator does and waits until the roster has it. */
    private void move(String id, double latitude, double longitude) {
        gateway.route(ResponderRoutes.RESPONDER_POSITION).data(new ResponderPosition(id, latitude, longitude, Instant.now()))
                .send().block(Duration.ofSeconds(10));
        eventually(() -> roster.find(id).map(r -> r.latitude() == latitude && r.longitude() == longitude).orElse(false));
    }

    private static void sendRaw(RSocketRequester requester, String json) {
        requester.route(ResponderRoutes.RESPONDER_POSITION).data(json.getBytes(StandardCharsets.UTF_8)).send()
                .block(Duration.ofSeconds(10));
    }

    private double rejected(String route, String reason) {
        return meters.counter("anshim.responders.rejected", "route", route, "reason", reason).count();
    }

    private static void eventually(BooleanSupplier condition) {
        Mono.fromCallable(condition::getAsBoolean).filter(done -> done)
                .repeatWhenEmpty(100, repeat -> repeat.delayElements(Duration.ofMillis(100)))
                .block(Duration.ofSeconds(15));
    }
}
