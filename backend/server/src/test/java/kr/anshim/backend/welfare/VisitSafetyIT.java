package kr.anshim.backend.welfare;

import kr.anshim.api.IncidentView;
import kr.anshim.api.welfare.DemoWelfare;
import kr.anshim.api.welfare.VisitPosition;
import kr.anshim.api.welfare.VisitRequest;
import kr.anshim.api.welfare.VisitResult;
import kr.anshim.api.welfare.VisitView;
import kr.anshim.api.welfare.WelfareRoutes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.api.IncidentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Visiting teams over RSocket (as the UI's form and a team's app use it): a visit registered for a
 * team of two, its overrun opening a STAFF_SAFETY incident at the team's last reported position that
 * steps up to the police box (here after 2 s), a check-in closing it, and a panic that is CRITICAL at once.
 */
@BackendIT
class VisitSafetyIT {

    @LocalRSocketServerPort
    int port;
    @Autowired
    RSocketStrategies strategies;
    @Autowired
    DeviceRegistry registry;
    @Autowired
    Enrolments enrolments;
    @Autowired
    WelfareSignals signals;

    RSocketRequester officer;

    @BeforeEach
    void connect() {
        officer = TestConnections.signedIn(strategies, port, DemoWelfare.OFFICER, "anshim-demo");
    }

    @AfterEach
    void disconnect() {
        officer.dispose();
    }

    @Test
    void a_visit_that_overruns_calls_the_team_then_the_police_box_and_closes_when_the_team_checks_in() {
        WelfareFixtures.Person home = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5811, 126.9321, false, 5, DemoWelfare.OFFICER);
        Instant now = Instant.now();
        VisitResult registered = register(new VisitRequest(home.householdId(), List.of("김복지", "이안전"), "010-2222-3333",
                now.minusSeconds(60), now.plusSeconds(6)));
        assertThat(registered.ok()).as(registered.error()).isTrue();
        VisitView visit = registered.visit();
        assertThat(visit.status()).isEqualTo("OUT");
        officer.route(WelfareRoutes.VISIT_POSITION).data(new VisitPosition(visit.id(), 37.5815, 126.9325)).send().block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> visits().stream().anyMatch(v -> v.id().equals(visit.id()) && v.latitude() != null));

        IncidentView overdue = WelfareFixtures.awaitWelfare(officer, i -> i.kind() == kr.anshim.api.IncidentKind.STAFF_SAFETY && i.latitude() == 37.5815);
        assertThat(overdue.wardCode()).isEqualTo("11410");
        assertThat(overdue.severity().name()).isIn("HIGH", "CRITICAL");
        IncidentView police = WelfareFixtures.awaitWelfare(officer, i -> i.id().equals(overdue.id()) && i.lastSignal().name().equals("VISIT_OVERDUE_POLICE"));
        assertThat(police.score()).isGreaterThan(overdue.lastSignal().name().equals("VISIT_OVERDUE") ? overdue.score() : 0);
        assertThat(visits()).filteredOn(v -> v.id().equals(visit.id())).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo("OVERDUE_POLICE");
            assertThat(v.incidentId()).isEqualTo(overdue.id());
        });

        VisitResult back = officer.route(WelfareRoutes.VISIT_CHECK_IN).data(visit.id()).retrieveMono(VisitResult.class).block(Duration.ofSeconds(10));
        assertThat(back.ok()).as(back.error()).isTrue();
        assertThat(back.visit().status()).isEqualTo("CHECKED_IN");
        assertThat(signals.current(overdue.id()).block(Duration.ofSeconds(5))).satisfies(i -> {
            assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(i.outcome()).isEqualTo("TEAM_SAFE");
        });
        assertThat(visits()).extracting(VisitView::id).doesNotContain(visit.id());
    }

    @Test
    void a_panic_from_a_visiting_team_is_critical_at_once() {
        WelfareFixtures.Person home = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5812, 126.9322, false, 5, DemoWelfare.OFFICER);
        Instant now = Instant.now();
        VisitView visit = register(new VisitRequest(home.householdId(), List.of("박방문", "최동행"), null, now, now.plus(Duration.ofHours(1)))).visit();

        VisitResult panic = officer.route(WelfareRoutes.VISIT_PANIC).data(visit.id()).retrieveMono(VisitResult.class).block(Duration.ofSeconds(10));
        assertThat(panic.ok()).as(panic.error()).isTrue();
        assertThat(panic.visit().status()).isEqualTo("PANIC");
        IncidentView incident = WelfareFixtures.awaitWelfare(officer, i -> i.id().equals(panic.visit().incidentId()));
        assertThat(incident.severity().name()).isEqualTo("CRITICAL");
        assertThat(incident.kind().name()).isEqualTo("STAFF_SAFETY");
        assertThat(incident.latitude()).isEqualTo(home.latitude());
    }

    @Test
    void a_visit_needs_a_team_of_two_and_a_household_in_the_callers_wards() {
        WelfareFixtures.Person home = WelfareFixtures.enrol(registry, enrolments, "11410", 37.5813, 126.9323, false, 5, DemoWelfare.OFFICER);
        String mapoHousehold = registry.inWard("11440").get(0).householdId();
        Instant now = Instant.now();
        assertThat(register(new VisitRequest(home.householdId(), List.of("김혼자"), null, now, now.plusSeconds(600))).error())
                .contains("team of exactly two");
        assertThat(register(new VisitRequest(home.householdId(), List.of("김복지", "김복지"), null, now, now.plusSeconds(600))).error())
                .contains("team of exactly two");
        assertThat(register(new VisitRequest(home.householdId(), List.of("김복지", "이안전"), null, now, now.minusSeconds(1))).error())
                .contains("after start");
        assertThat(register(new VisitRequest(mapoHousehold, List.of("김복지", "이안전"), null, now, now.plusSeconds(600))).error())
                .contains("in your wards");
        // positive control: the same request for the officer's own ward is registered
        assertThat(register(new VisitRequest(home.householdId(), List.of("김복지", "이안전"), null, now, now.plusSeconds(600))).ok()).isTrue();
    }

    private VisitResult register(VisitRequest request) {
        return officer.route(WelfareRoutes.VISIT_REGISTER).data(request).retrieveMono(VisitResult.class).block(Duration.ofSeconds(10));
    }

    private List<VisitView> visits() {
        return officer.route(WelfareRoutes.VISITS).retrieveFlux(VisitView.class).collectList().block(Duration.ofSeconds(10));
    }
}
