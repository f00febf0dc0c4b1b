package kr.anshim.backend.metrics;

import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.Severity;
import kr.anshim.api.ResponseTimeRow;
import kr.anshim.api.ResponseTimeSummary;
import kr.anshim.api.Routes;
import kr.anshim.api.TransitionView;
import kr.anshim.api.WorkloadQuery;
import kr.anshim.api.WorkloadReport;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.responder.ResponderRoster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static kr.anshim.api.DeviceFamily.DOOR_CAMERA;
import static kr.anshim.backend.metrics.IncidentTraffic.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics routes over a real RSocket connection, on four real incidents handled by operators
 * whose names only this test uses: the figures are exactly those of the stored audit trails.
 */
@BackendIT
class ResponseTimeRoutesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ParameterizedTypeReference<List<ResponseTimeSummary>> SUMMARIES = new ParameterizedTypeReference<>() {
    };

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    @Autowired
    ResponderRoster roster;

    RSocketRequester gateway;
    RSocketRequester screen;
    IncidentTraffic traffic;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String kim = "op-kim-" + suffix;
    final String lee = "op-lee-" + suffix;
    final String police = "police-" + suffix;
    static final String PASSWORD = "metrics-secret-1";
    final java.util.Map<String, RSocketRequester> actors = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired
    kr.anshim.backend.security.UserDirectory users;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        screen = TestConnections.ui(strategies, port);
        List<String> everyWard = kr.anshim.api.Wards.seoul().all().stream().map(kr.anshim.api.Ward::code).toList();
        for (String operator : List.of(kim, lee)) {
            users.save(operator, operator, PASSWORD, kr.anshim.backend.security.Role.OPERATOR, everyWard).block(WAIT);
        }
        users.save(police, police, PASSWORD, kr.anshim.backend.security.Role.POLICE_LIAISON, everyWard).block(WAIT);
        // each actor acts on their own signed-in connection: nobody names an actor for someone else
        traffic = new IncidentTraffic(gateway, screen, db, roster, actor -> actors.computeIfAbsent(actor,
                name -> TestConnections.signedIn(strategies, port, name, PASSWORD)));
        roster.ready().block(WAIT);
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        screen.dispose();
        actors.values().forEach(RSocketRequester::dispose);
    }

    @Test
    void summaries_rows_and_workload_are_computed_from_the_stored_audit_trails() {
        Instant from = Instant.now().minusSeconds(1);
        UUID patrolled = traffic.raise(TestDevices.nth(DOOR_CAMERA, 41));
        UUID guarded = traffic.raise(TestDevices.nth(DOOR_CAMERA, 42));
        UUID handedOff = traffic.raise(TestDevices.nth(DOOR_CAMERA, 43));
        UUID falseAlarm = traffic.raise(TestDevices.nth(DOOR_CAMERA, 44));

        traffic.accept(patrolled, Action.ACKNOWLEDGE, kim);
        traffic.accept(guarded, Action.ACKNOWLEDGE, kim);
        traffic.accept(handedOff, Action.ACKNOWLEDGE, lee);
        traffic.dispatch(patrolled, "POLICE_PATROL", kim);
        traffic.dispatch(guarded, "SECURITY_GUARD", kim);
        traffic.accept(patrolled, Action.EN_ROUTE, kim);
        traffic.accept(IncidentCommand.of(handedOff, Action.CALL_112, lee).withValue("REQUESTED")); // an operator starts it; police accept
        traffic.accept(patrolled, Action.ON_SCENE, kim);
        traffic.accept(IncidentCommand.of(handedOff, Action.CALL_112, police).withValue("ACCEPTED"));
        traffic.accept(IncidentCommand.of(patrolled, Action.RESOLVE, kim).withValue("POLICE_ARREST"));
        traffic.accept(IncidentCommand.of(guarded, Action.RESOLVE, kim).withValue("RESIDENT_SAFE"));
        traffic.accept(handedOff, Action.CANCEL, lee);
        traffic.accept(falseAlarm, Action.FALSE_ALARM, kim);
        Instant to = Instant.now().plusSeconds(1);

        List<TransitionView> patrolTrail = traffic.history(patrolled);
        List<TransitionView> guardTrail = traffic.history(guarded);
        List<TransitionView> handOffTrail = traffic.history(handedOff);
        double patrolAck = seconds(patrolTrail, "STATUS:NEW", "STATUS:ACKNOWLEDGED");
        double guardAck = seconds(guardTrail, "STATUS:NEW", "STATUS:ACKNOWLEDGED");

        List<ResponseTimeSummary> byOperator = summary(ResponseTimeQuery.of(from, to, "operator"));

        assertThat(find(byOperator, kim, "acknowledge")).isEqualTo(new ResponseTimeSummary("operator", kim, "acknowledge", 2,
                Math.min(patrolAck, guardAck), Math.max(patrolAck, guardAck), Math.max(patrolAck, guardAck),
                Math.max(patrolAck, guardAck), 30.0, (patrolAck <= 30 ? 0.5 : 0) + (guardAck <= 30 ? 0.5 : 0)));
        assertThat(find(byOperator, kim, "dispatch").count()).isEqualTo(2);
        assertThat(find(byOperator, kim, "turnout").count()).isEqualTo(1);
        assertThat(find(byOperator, kim, "travel").maxSeconds()).isEqualTo(seconds(patrolTrail, "STATUS:EN_ROUTE", "STATUS:ON_SCENE"));
        assertThat(find(byOperator, kim, "response").p50Seconds()).isEqualTo(seconds(patrolTrail, "STATUS:NEW", "STATUS:ON_SCENE"));
        assertThat(find(byOperator, kim, "clear").count()).isEqualTo(2);
        assertThat(find(byOperator, lee, "handOff112").p50Seconds())
                .isEqualTo(seconds(handOffTrail, "CALL_112:REQUESTED", "CALL_112:ACCEPTED"));
        assertThat(find(byOperator, lee, "clear").maxSeconds()).isEqualTo(seconds(handOffTrail, "STATUS:NEW", "STATUS:CANCELLED"));

        List<String> wards = List.of(traffic.wardOf(patrolled), traffic.wardOf(guarded), traffic.wardOf(handedOff),
                traffic.wardOf(falseAlarm));
        Map<UUID, ResponseTimeRow> rows = screen.route(Routes.RESPONSE_TIME_ROWS)
                .data(new ResponseTimeQuery(from, to, null, wards))
                .retrieveFlux(ResponseTimeRow.class)
                .collectMap(ResponseTimeRow::id, Function.identity())
                .block(WAIT);

        assertThat(rows).containsKeys(patrolled, guarded, handedOff, falseAlarm);
        assertThat(rows.values()).extracting(ResponseTimeRow::wardCode).allMatch(wards::contains);
        assertThat(rows.get(patrolled).responderKind()).isEqualTo("POLICE_PATROL");
        assertThat(rows.get(patrolled).acknowledgeSeconds()).isEqualTo(patrolAck);
        assertThat(rows.get(patrolled).turnoutSeconds()).isEqualTo(seconds(patrolTrail, "STATUS:DISPATCHED", "STATUS:EN_ROUTE"));
        assertThat(rows.get(guarded).responderKind()).isEqualTo("SECURITY_GUARD");
        assertThat(rows.get(guarded).dispatchSeconds()).isEqualTo(seconds(guardTrail, "STATUS:NEW", "STATUS:DISPATCHED"));
        assertThat(rows.get(guarded).turnoutSeconds()).isNull();
        assertThat(rows.get(handedOff).operator()).isEqualTo(lee);
        assertThat(rows.get(handedOff).responderKind()).isNull();
        assertThat(rows.get(falseAlarm).operator()).isNull();
        assertThat(rows.get(falseAlarm).acknowledgeSeconds()).isNull();
        assertThat(rows.get(falseAlarm).clearSeconds()).isPositive();

        // the severity filter is applied by the backend: only that band, and the others leave it out
        Severity band = Severity.valueOf(rows.get(patrolled).severity());
        List<ResponseTimeRow> ofBand = screen.route(Routes.RESPONSE_TIME_ROWS)
                .data(new ResponseTimeQuery(from, to, null, wards, List.of(band))).retrieveFlux(ResponseTimeRow.class)
                .collectList().block(WAIT);
        assertThat(ofBand).extracting(ResponseTimeRow::id).contains(patrolled);
        assertThat(ofBand).extracting(ResponseTimeRow::severity).containsOnly(band.name());
        List<Severity> others = java.util.Arrays.stream(Severity.values()).filter(v -> v != band).toList();
        assertThat(screen.route(Routes.RESPONSE_TIME_ROWS).data(new ResponseTimeQuery(from, to, null, wards, others))
                .retrieveFlux(ResponseTimeRow.class).collectList().block(WAIT)).extracting(ResponseTimeRow::id).doesNotContain(patrolled);

        WorkloadReport workload = screen.route(Routes.WORKLOAD).data(new WorkloadQuery(from, to, wards))
                .retrieveMono(WorkloadReport.class).block(WAIT);
        // a period of seconds is still sampled (by the minute), and the four incidents that came and went are its peak
        assertThat(workload.queueStep()).isEqualTo(Duration.ofMinutes(1));
        assertThat(workload.queue()).isNotEmpty();
        assertThat(workload.queue().stream().mapToLong(WorkloadReport.QueuePoint::peak).max().orElseThrow()).isGreaterThanOrEqualTo(4);

        Map<String, Long> acknowledged = workload.operators().stream()
                .collect(Collectors.toMap(WorkloadReport.OperatorLoad::operator, WorkloadReport.OperatorLoad::acknowledged));
        assertThat(acknowledged).containsEntry(kim, 2L).containsEntry(lee, 1L);
        assertThat(workload.perHour().stream().filter(h -> h.operator().equals(kim))
                .mapToLong(WorkloadReport.OperatorHour::acknowledged).sum()).isEqualTo(2);
    }

    @Test
    void a_bad_query_is_refused_with_what_to_fix() {
        Instant now = Instant.now();

        refused(summaryRequest(ResponseTimeQuery.of(now, now.minusSeconds(60), "ward")), "must be before to");
        refused(summaryRequest(ResponseTimeQuery.of(now.minus(Duration.ofDays(401)), now, "ward")), "at most 400 days");
        refused(summaryRequest(ResponseTimeQuery.of(now.minusSeconds(60), now, "colour")),
                "unknown dimension 'colour'; one of ward, family, severity, shift, operator, responderKind, day, all");
        refused(summaryRequest(new ResponseTimeQuery(now.minusSeconds(60), now, "ward", List.of("99999"))), "unknown ward code");
        refused(screen.route(Routes.RESPONSE_TIME_ROWS).data(ResponseTimeQuery.of(now, now, null))
                .retrieveFlux(ResponseTimeRow.class).then(), "must be before to");
        refused(screen.route(Routes.WORKLOAD).data(new WorkloadQuery(now, null, List.of())).retrieveMono(WorkloadReport.class),
                "from and to are required");
        // a severity that does not exist is refused, not ignored
        StepVerifier.create(screen.route(Routes.RESPONSE_TIME_SUMMARY).data(Map.of("from", now.minusSeconds(60).toString(),
                        "to", now.toString(), "dimension", "ward", "wards", List.of(), "severities", List.of("PURPLE")))
                        .retrieveMono(SUMMARIES))
                .expectError()
                .verify(WAIT);
        // the control: the same query with a real severity is answered
        assertThat(screen.route(Routes.RESPONSE_TIME_SUMMARY).data(Map.of("from", now.minusSeconds(60).toString(),
                "to", now.toString(), "dimension", "ward", "wards", List.of(), "severities", List.of("CRITICAL")))
                .retrieveMono(SUMMARIES).block(WAIT)).isNotNull();
    }

    @Test
    void only_service_connections_may_ask() {
        Instant now = Instant.now();

        refused(gateway.route(Routes.RESPONSE_TIME_SUMMARY).data(ResponseTimeQuery.of(now.minusSeconds(60), now, "ward"))
                .retrieveMono(SUMMARIES), "may not use this route");
    }

    private List<ResponseTimeSummary> summary(ResponseTimeQuery query) {
        return summaryRequest(query).block(WAIT);
    }

    private Mono<List<ResponseTimeSummary>> summaryRequest(ResponseTimeQuery query) {
        return screen.route(Routes.RESPONSE_TIME_SUMMARY).data(query).retrieveMono(SUMMARIES);
    }

    private static void refused(Mono<?> request, String message) {
        StepVerifier.create(request)
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining(message))
                .verify(WAIT);
    }

    private static ResponseTimeSummary find(List<ResponseTimeSummary> summaries, String group, String measure) {
        return summaries.stream().filter(s -> s.group().equals(group) && s.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new AssertionError(group + " " + measure + " not in " + summaries));
    }
}
