package kr.anshim.backend.welfare;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.IncidentView;
import kr.anshim.api.welfare.DemoWelfare;
import kr.anshim.api.welfare.OutcomeRequest;
import kr.anshim.api.welfare.WelfareOutcome;
import kr.anshim.api.welfare.WelfareRoutes;
import kr.anshim.api.welfare.WelfareTimes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.welfare.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inactivity check end to end on a real backend: activity summaries over {@code device.activity}
 * (stored before their answer, strictly validated), a person inactive past their threshold opening an
 * INACTIVITY incident for their ward (MEDIUM), its escalation when left unanswered (HIGH, here after
 * 3 s), the officer's notices kept in the outbox, and the officer's outcome closing it.
 */
@BackendIT
class InactivityCheckIT {

    @LocalRSocketServerPort
    int port;
    @Autowired
    RSocketStrategies strategies;
    @Autowired
    DeviceRegistry registry;
    @Autowired
    Enrolments enrolments;
    @Autowired
    Outbox outbox;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;

    RSocketRequester gateway;
    RSocketRequester officer;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        officer = TestConnections.signedIn(strategies, port, DemoWelfare.OFFICER, "anshim-demo");
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
        officer.dispose();
    }

    @Test
    void a_summary_is_stored_once_and_restarts_the_persons_timer() {
        WelfareFixtures.Person person = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5790, 126.9300, false, 3, DemoWelfare.OFFICER);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UUID id = UUID.randomUUID();
        String json = WelfareFixtures.summary(id, person.deviceId(), now, now.minusSeconds(600));

        assertThat(WelfareFixtures.send(gateway, json).outcome()).isEqualTo(Ack.Outcome.STORED);
        assertThat(WelfareFixtures.send(gateway, json).outcome()).isEqualTo(Ack.Outcome.DUPLICATE);
        Ack conflict = WelfareFixtures.send(gateway, WelfareFixtures.summary(id, person.deviceId(), now, now.minusSeconds(60)));
        assertThat(conflict.reason()).isEqualTo("EVENT_ID_CONFLICT");

        assertThat(db.sql("select count(*) as n from activity_summary where event_id = $1").bind(0, id)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
        assertThat(enrolments.of(person.householdId())).get()
                .satisfies(e -> assertThat(e.lastActivityAt()).isEqualTo(now.minusSeconds(600)));
        assertThat(enrolments.watch().timer(person.householdId())).get()
                .satisfies(t -> assertThat(t.dueAt()).isEqualTo(now.minusSeconds(600).plus(Duration.ofDays(3))));

        // the person's own app, authenticated as the device, may send for itself
        RSocketRequester app = TestConnections.connect(strategies, port, ConnectionCredentials.device(person.deviceId(), person.token()));
        try {
            assertThat(WelfareFixtures.send(app, WelfareFixtures.summary(person.deviceId(), now, now)).outcome()).isEqualTo(Ack.Outcome.STORED);
        } finally {
            app.dispose();
        }
    }

    @Test
    void every_kind_of_bad_summary_is_refused_with_its_reason_and_the_connection_goes_on() {
        WelfareFixtures.Person person = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5791, 126.9301, false, 2, DemoWelfare.OFFICER);
        Instant now = Instant.now();
        String camera = registry.inWard("11410").stream().filter(d -> d.family() == kr.anshim.api.DeviceFamily.DOOR_CAMERA)
                .findFirst().orElseThrow().id();
        double before = refused("SCHEMA_VIOLATION");

        assertThat(reason("")).isEqualTo("MALFORMED_JSON");
        assertThat(reason("{\"eventId\":")).isEqualTo("MALFORMED_JSON");
        assertThat(reason("[1]")).isEqualTo("MALFORMED_JSON");
        assertThat(reason("x".repeat(5000))).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(reason(WelfareFixtures.summary(person.deviceId(), now, now).replace("\"calls\":0", "\"calls\":0,\"extra\":1")))
                .isEqualTo("SCHEMA_VIOLATION");
        assertThat(reason(WelfareFixtures.summary(person.deviceId(), now, now).replace("\"calls\":0", "\"calls\":-1")))
                .isEqualTo("SCHEMA_VIOLATION");
        assertThat(reason(WelfareFixtures.summary(person.deviceId(), now, now.plusSeconds(3600)))).isEqualTo("SCHEMA_VIOLATION");
        assertThat(reason(WelfareFixtures.summary(person.deviceId(), now.plus(Duration.ofHours(1)), now))).isEqualTo("TIME_IN_FUTURE");
        assertThat(reason(WelfareFixtures.summary(person.deviceId(), now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(4)))))
                .isEqualTo("TIME_TOO_OLD");
        assertThat(reason(WelfareFixtures.summary("AS-NOBODY", now, now))).isEqualTo("UNKNOWN_DEVICE");
        assertThat(reason(WelfareFixtures.summary(camera, now, now))).isEqualTo("TYPE_NOT_FOR_FAMILY");
        assertThat(reason(WelfareFixtures.summary(new UUID(0, 0), person.deviceId(), now, now))).isEqualTo("SCHEMA_VIOLATION");
        assertThat(refused("SCHEMA_VIOLATION")).isEqualTo(before + 4);

        // a device may not send for another one
        WelfareFixtures.Person other = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5792, 126.9302, false, 2, DemoWelfare.OFFICER);
        RSocketRequester app = TestConnections.connect(strategies, port, ConnectionCredentials.device(person.deviceId(), person.token()));
        try {
            assertThat(WelfareFixtures.send(app, WelfareFixtures.summary(other.deviceId(), now, now)).reason()).isEqualTo("NOT_YOUR_DEVICE");
            // positive control: the same connection still works, for its own device
            assertThat(WelfareFixtures.send(app, WelfareFixtures.summary(person.deviceId(), now, now)).outcome()).isEqualTo(Ack.Outcome.STORED);
        } finally {
            app.dispose();
        }
        assertThat(WelfareFixtures.send(gateway, WelfareFixtures.summary(person.deviceId(), now, now)).outcome()).isEqualTo(Ack.Outcome.STORED);
    }

    @Test
    void a_person_inactive_past_their_threshold_opens_an_incident_that_escalates_unanswered_and_the_officers_outcome_closes_it() {
        WelfareFixtures.Person person = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5793, 126.9303, false, 1, DemoWelfare.OFFICER);
        Instant now = Instant.now();
        // the carrier reports: last call 30 hours ago, past this person's 1-day threshold
        assertThat(WelfareFixtures.send(gateway, WelfareFixtures.summary(person.deviceId(), now, now.minus(Duration.ofHours(30)))).durable()).isTrue();

        IncidentView alert = WelfareFixtures.awaitWelfare(officer, i -> i.latitude() == person.latitude() && i.kind() == kr.anshim.api.IncidentKind.INACTIVITY);
        assertThat(alert.wardCode()).isEqualTo("11410");
        assertThat(alert.lastSignal().name()).isIn("INACTIVITY", "INACTIVITY_UNANSWERED");

        IncidentView escalated = WelfareFixtures.awaitWelfare(officer, i -> i.id().equals(alert.id()) && i.lastSignal().name().equals("INACTIVITY_UNANSWERED"));
        assertThat(escalated.severity().name()).isEqualTo("HIGH");
        assertThat(escalated.reasons()).anyMatch(r -> r.startsWith("INACTIVITY_UNANSWERED"));

        // the level reached is stored with the person, so a restarted backend does not raise it again
        assertThat(db.sql("select alert_level from welfare_enrolment where household_id = $1").bind(0, person.householdId())
                .map(r -> r.get("alert_level", Integer.class)).one().block()).isEqualTo(2);

        // both notices are kept in the outbox (dispatch is off in the tests: PENDING, on the logging adapter)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outbox.aboutIncident(alert.id()).collectList().block())
                .hasSize(2).allSatisfy(d -> {
                    assertThat(d.state()).isEqualTo("PENDING");
                    assertThat(d.recipient()).isEqualTo(DemoWelfare.OFFICER);
                }));

        CommandResult closed = officer.route(WelfareRoutes.OUTCOME)
                .data(new OutcomeRequest(alert.id(), WelfareOutcome.PHONED_FINE, "통화 완료, 건강 양호"))
                .retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
        assertThat(closed.accepted()).as(closed.error()).isTrue();
        assertThat(closed.incident().status().name()).isEqualTo("RESOLVED");
        assertThat(closed.incident().outcome()).isEqualTo(kr.anshim.api.Outcome.PHONED_FINE);
        CommandResult again = officer.route(WelfareRoutes.OUTCOME)
                .data(new OutcomeRequest(alert.id(), WelfareOutcome.VISITED, null)).retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
        assertThat(again.accepted()).isFalse();

        List<String> row = db.sql("select outcome, outcome_by, first_contact_by from welfare_alert where incident_id = $1").bind(0, alert.id())
                .map(r -> List.of(r.get("outcome", String.class), r.get("outcome_by", String.class), r.get("first_contact_by", String.class)))
                .one().block();
        assertThat(row).containsExactly("PHONED_FINE", DemoWelfare.OFFICER, DemoWelfare.OFFICER);
        assertThat(meters.find("anshim.welfare.time.to.outcome").tag("ward", "11410").timer()).isNotNull()
                .satisfies(t -> assertThat(t.count()).isPositive());
        assertThat(enrolments.watch().timer(person.householdId())).get().satisfies(t -> assertThat(t.answered()).isTrue());

        // the supervisor's per-ward times include it; the officer sees their own ward's only
        RSocketRequester supervisor = TestConnections.ui(strategies, port);
        try {
            List<WelfareTimes> all = supervisor.route(WelfareRoutes.TIMES).retrieveFlux(WelfareTimes.class).collectList().block(Duration.ofSeconds(10));
            assertThat(all).filteredOn(t -> t.wardCode().equals("11410")).singleElement().satisfies(t -> {
                assertThat(t.alerts()).isPositive();
                assertThat(t.medianToOutcomeSeconds()).isNotNull().isPositive();
                assertThat(t.medianToFirstContactSeconds()).isNotNull();
            });
        } finally {
            supervisor.dispose();
        }
        assertThat(officer.route(WelfareRoutes.TIMES).retrieveFlux(WelfareTimes.class).collectList().block(Duration.ofSeconds(10)))
                .extracting(WelfareTimes::wardCode).containsOnly("11410");
    }

    private String reason(String json) {
        return WelfareFixtures.send(gateway, json).reason();
    }

    private double refused(String reason) {
        var counter = meters.find("anshim.welfare.activity.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
