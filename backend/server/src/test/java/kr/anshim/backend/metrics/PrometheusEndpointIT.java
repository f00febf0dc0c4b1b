package kr.anshim.backend.metrics;

import kr.anshim.api.Ack;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.Routes;
import kr.anshim.api.TransitionView;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.responder.ResponderRoster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real traffic over RSocket (an alarm, a rejected event, a whole incident lifecycle), then the
 * Prometheus endpoint over HTTP: every system meter is exposed under its name and moved as the
 * traffic says, and the response-time gauges carry plausible figures after a recompute.
 * Spring Boot turns metrics export off in tests; this one turns it back on, as in production.
 */
@BackendIT
@AutoConfigureObservability(tracing = false)
class PrometheusEndpointIT {

    private static final DemoCity.Device CAMERA = TestDevices.nth(DeviceFamily.DOOR_CAMERA, 40);

    @LocalRSocketServerPort
    int rsocketPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    @Autowired
    ResponderRoster roster;

    @Autowired
    ResponseTimeGauges responseTimes;

    RSocketRequester gateway;
    RSocketRequester screen;
    IncidentTraffic traffic;
    WebTestClient http;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, rsocketPort);
        screen = TestConnections.ui(strategies, rsocketPort);
        traffic = new IncidentTraffic(gateway, screen, db, roster);
        // the server binds 127.0.0.1 only; "localhost" may resolve to ::1 first
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + httpPort).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        screen.dispose();
    }

    @Test
    void the_endpoint_exposes_the_system_meters_moved_by_real_traffic_and_plausible_response_times() {
        Scrape before = scrape();

        UUID incident = traffic.raise(CAMERA);
        Ack rejected = traffic.badEvent(CAMERA);
        traffic.history(incident); // the screen's connection is open from here on
        Scrape open = scrape();

        assertThat(rejected.reason()).isEqualTo("UNKNOWN_TYPE");
        assertThat(open.value("anshim_ingest_events_received_total", "family=\"DOOR_CAMERA\""))
                .isEqualTo(before.value("anshim_ingest_events_received_total", "family=\"DOOR_CAMERA\"") + 1);
        assertThat(open.value("anshim_ingest_rejected_total", "reason=\"UNKNOWN_TYPE\""))
                .isEqualTo(before.value("anshim_ingest_rejected_total", "reason=\"UNKNOWN_TYPE\"") + 1);
        assertThat(open.value("anshim_ingest_commit_latency_seconds_count"))
                .isGreaterThan(before.value("anshim_ingest_commit_latency_seconds_count"));
        assertThat(open.quantileAtMost("anshim_ingest_commit_latency_seconds", 0.99)).isBetween(0.0, 10.0);
        assertThat(Stream.of("CRITICAL", "HIGH", "MEDIUM", "LOW")
                .mapToDouble(severity -> open.value("anshim_incidents_open", "severity=\"" + severity + "\"")).sum())
                .as("our incident is open").isGreaterThanOrEqualTo(1.0);
        assertThat(open.value("anshim_connections_open", "kind=\"USER\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(open.value("anshim_connections_open", "kind=\"GATEWAY\"")).isGreaterThanOrEqualTo(1.0);

        handle(incident);
        responseTimes.recompute().block(Duration.ofSeconds(30));
        Scrape after = scrape();

        assertThat(after.value("anshim_livefeed_latency_seconds_count"))
                .as("the seven commands each published a change")
                .isGreaterThanOrEqualTo(open.value("anshim_livefeed_latency_seconds_count") + 7);
        assertThat(after.value("anshim_livefeed_latency_seconds_max")).isBetween(0.0, 10.0);
        assertThat(after.quantileAtMost("anshim_livefeed_latency_seconds", 0.5)).isBetween(0.0, 10.0);
        for (String measure : List.of("acknowledge", "dispatch", "handOff112", "turnout", "travel", "response", "clear")) {
            String label = "measure=\"" + measure + "\"";
            assertThat(after.value("anshim_response_time_seconds", label, "percentile=\"p50\"")).as(measure).isBetween(0.0, 3600.0);
            assertThat(after.value("anshim_response_time_seconds", label, "percentile=\"p90\""))
                    .as(measure).isGreaterThanOrEqualTo(after.value("anshim_response_time_seconds", label, "percentile=\"p50\""));
            assertThat(after.value("anshim_response_incidents", label)).as(measure).isGreaterThanOrEqualTo(1.0);
        }
        assertThat(after.value("anshim_response_within_target", "measure=\"acknowledge\"")).isBetween(0.0, 1.0);
        assertThat(after.has("anshim_response_within_target{", "measure=\"travel\"")).as("travel has no target").isFalse();
    }

    @Test
    void a_closed_screen_connection_is_no_longer_counted() {
        RSocketRequester another = TestConnections.ui(strategies, rsocketPort);
        another.route(Routes.INCIDENT_HISTORY).data(UUID.randomUUID().toString()).retrieveFlux(TransitionView.class)
                .onErrorResume(error -> Flux.empty()).blockLast(Duration.ofSeconds(10));
        double connected = scrape().value("anshim_connections_open", "kind=\"USER\"");

        another.dispose();

        assertThat(connected).isGreaterThanOrEqualTo(1.0);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(scrape().value("anshim_connections_open", "kind=\"USER\"")).isEqualTo(connected - 1));
    }

    /** Acknowledge, hand off to 112, dispatch a guard, en route, on scene, resolve: seven commands. */
    private void handle(UUID incident) {
        traffic.accept(incident, Action.ACKNOWLEDGE, "op-prometheus");
        traffic.accept(IncidentCommand.of(incident, Action.CALL_112, "police-prometheus").withValue("REQUESTED"));
        traffic.accept(IncidentCommand.of(incident, Action.CALL_112, "police-prometheus").withValue("ACCEPTED"));
        traffic.dispatch(incident, "SECURITY_GUARD", "op-prometheus");
        traffic.accept(incident, Action.EN_ROUTE, "op-prometheus");
        traffic.accept(incident, Action.ON_SCENE, "op-prometheus");
        traffic.accept(IncidentCommand.of(incident, Action.RESOLVE, "op-prometheus").withValue("RESIDENT_SAFE"));
    }

    private Scrape scrape() {
        String body = http.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return new Scrape(body);
    }

    private record Bucket(double le, double cumulative) {

        static Bucket parse(String line) {
            int start = line.indexOf("le=\"") + 4;
            String le = line.substring(start, line.indexOf('"', start));
            return new Bucket(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                    Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
    }

    /** One scrape in the Prometheus text format. */
    private record Scrape(String body) {

        boolean has(String prefix, String... labels) {
            return lines(prefix, labels).findAny().isPresent();
        }

        /** The value of the one sample named {@code name} that carries all the labels. */
        double value(String name, String... labels) {
            List<String> found = lines(name + "{", labels).toList();
            assertThat(found).as("%s %s in the scrape", name, Arrays.toString(labels)).hasSize(1);
            String line = found.get(0);
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }

        /**
         * An upper bound of the quantile from the histogram's buckets, as {@code histogram_quantile}
         * would bracket it: the smallest bucket bound holding at least that share of the count.
         */
        double quantileAtMost(String name, double quantile) {
            double count = value(name + "_count");
            assertThat(count).as("%s has observations", name).isPositive();
            return lines(name + "_bucket{").map(Bucket::parse)
                    .filter(bucket -> bucket.cumulative() >= quantile * count)
                    .mapToDouble(Bucket::le).min().orElseThrow();
        }

        private Stream<String> lines(String prefix, String... labels) {
            return body.lines().filter(line -> line.startsWith(prefix))
                    .filter(line -> Arrays.stream(labels).allMatch(line::contains));
        }
    }
}
