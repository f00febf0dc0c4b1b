package kr.anshim.backend.incident;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentKind;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentCommand;
import kr.anshim.backend.VirtualClock;
import kr.anshim.backend.ranking.SeverityRanking;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correlation windows and escalation in virtual time: signals arrive as time passes, each is
 * planned and committed as the journal would, and we watch the incidents that come out.
 */
class CorrelatorTest {

    /** 14:00 in Seoul, so no night modifier. */
    private static final Instant AFTERNOON = Instant.parse("2026-11-23T05:00:00Z");
    private static final double LAT = 37.5665;
    private static final double LON = 126.9780;
    /** About 30 m north. */
    private static final double LAT_30M = LAT + 30 / 111_320.0;
    /** About 200 m north. */
    private static final double LAT_200M = LAT + 200 / 111_320.0;

    private VirtualTimeScheduler scheduler;
    private VirtualClock clock;
    private Correlator correlator;

    @BeforeEach
    void setUp() {
        scheduler = VirtualTimeScheduler.create();
        clock = new VirtualClock(scheduler, AFTERNOON);
        correlator = new Correlator(new SeverityRanking(), clock, Duration.ofMinutes(10), 50, Duration.ofMinutes(5),
                Duration.ofMinutes(30), UUID::randomUUID);
    }

    @Test
    void signals_from_one_household_inside_the_window_form_one_incident_that_steps_up() {
        Flux<Incident> incidents = Flux.concat(
                        at(Duration.ZERO, "H-1", "DC-1", SignalType.LOITERING, LAT),
                        at(Duration.ofMinutes(3), "H-1", "DC-1", SignalType.TAMPER, LAT),
                        at(Duration.ofMinutes(3), "H-1", "DL-1", SignalType.WRONG_CODES, LAT),
                        at(Duration.ofMinutes(2), "H-1", "DL-1", SignalType.DOOR_FORCED, LAT))
                .map(this::correlate)
                .map(changes -> changes.get(0));

        StepVerifier.withVirtualTime(() -> incidents, () -> scheduler, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(10))
                .assertNext(i -> assertThat(i.kind()).isEqualTo(IncidentKind.LOITERING))
                .assertNext(i -> assertThat(i.kind()).isEqualTo(IncidentKind.TAMPER))
                .assertNext(i -> assertThat(i.kind()).isEqualTo(IncidentKind.ACCESS_ATTEMPT))
                .assertNext(i -> {
                    assertThat(i.kind()).isEqualTo(IncidentKind.INTRUSION);
                    assertThat(i.signals()).isEqualTo(4);
                    assertThat(i.ranking().reasons()).contains("DOOR_FORCED +75", "CORROBORATED +15", "REPETITION +9");
                })
                .verifyComplete();
        assertThat(correlator.open()).hasSize(1);
    }

    @Test
    void a_signal_after_the_window_opens_a_new_incident() {
        Flux<UUID> ids = Flux.concat(
                        at(Duration.ZERO, "H-2", "DC-2", SignalType.LOITERING, LAT),
                        at(Duration.ofMinutes(10).plusSeconds(1), "H-2", "DC-2", SignalType.LOITERING, LAT))
                .map(this::correlate)
                .map(changes -> changes.get(0).id());

        StepVerifier.withVirtualTime(() -> ids.collectList(), () -> scheduler, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(11))
                .assertNext(list -> assertThat(list.get(0)).isNotEqualTo(list.get(1)))
                .verifyComplete();
    }

    @Test
    void motion_alone_opens_nothing_but_joins_an_open_incident() {
        assertThat(correlate(signal("H-3", "DC-3", SignalType.MOTION, LAT))).isEmpty();
        correlate(signal("H-3", "DC-3", SignalType.LOITERING, LAT));
        List<Incident> changes = correlate(signal("H-3", "DC-3", SignalType.MOTION, LAT));
        assertThat(changes).singleElement().satisfies(i -> assertThat(i.signals()).isEqualTo(2));
    }

    @Test
    void a_bell_is_the_top_of_the_ladder() {
        correlate(signal("H-4", "DL-4", SignalType.DOOR_FORCED, LAT));
        Incident after = correlate(signal("H-4", "EB-4", SignalType.BELL_PRESSED, LAT)).get(0);
        assertThat(after.kind()).isEqualTo(IncidentKind.EMERGENCY);
        assertThat(after.ranking().severity().name()).isEqualTo("CRITICAL");
    }

    @Test
    void loitering_at_two_doors_within_fifty_metres_and_a_few_minutes_forms_one_prowler_incident() {
        Flux<List<Incident>> changes = Flux.concat(
                        at(Duration.ZERO, "H-10", "DC-10", SignalType.LOITERING, LAT),
                        at(Duration.ofMinutes(2), "H-11", "DC-11", SignalType.LOITERING, LAT_30M),
                        at(Duration.ofMinutes(1), "H-12", "DC-12", SignalType.LOITERING, LAT))
                .map(this::correlate);

        StepVerifier.withVirtualTime(() -> changes, () -> scheduler, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(5))
                .assertNext(first -> assertThat(first).extracting(Incident::kind).containsExactly(IncidentKind.LOITERING))
                .assertNext(second -> assertThat(second).extracting(Incident::kind)
                        .containsExactlyInAnyOrder(IncidentKind.LOITERING, IncidentKind.PROWLER))
                .assertNext(third -> assertThat(third).filteredOn(i -> i.kind() == IncidentKind.PROWLER).singleElement()
                        .satisfies(prowler -> {
                            assertThat(prowler.deviceIds()).containsExactlyInAnyOrder("DC-10", "DC-11", "DC-12");
                            assertThat(prowler.householdId()).isNull();
                            assertThat(prowler.ranking().reasons()).contains("SEVERAL_DOORS +20");
                        }))
                .verifyComplete();
    }

    @Test
    void loitering_at_two_doors_thirty_metres_apart_across_a_ward_border_is_not_joined_into_a_prowler() {
        correlate(signal("H-15", "DC-15", SignalType.LOITERING, LAT));
        List<Incident> other = correlate(new Signal(UUID.randomUUID(), "DC-16", DeviceFamily.DOOR_CAMERA, SignalType.LOITERING,
                clock.instant(), "H-16", "11410", LAT_30M, LON, false));
        List<Incident> same = correlate(signal("H-17", "DC-17", SignalType.LOITERING, LAT_30M));

        assertThat(other).extracting(Incident::kind).containsExactly(IncidentKind.LOITERING);
        assertThat(same).extracting(Incident::kind).as("positive control: the same ward's door is joined")
                .containsExactlyInAnyOrder(IncidentKind.LOITERING, IncidentKind.PROWLER);
    }

    @Test
    void a_plan_remembers_the_version_each_incident_had_when_read_and_zero_for_a_new_one() {
        Incident opened = correlate(signal("H-18", "DC-18", SignalType.LOITERING, LAT)).get(0);
        CorrelationPlan fold = correlator.plan(List.of(signal("H-18", "DC-18", SignalType.TAMPER, LAT),
                signal("H-18", "DC-18", SignalType.TAMPER, LAT)));
        CorrelationPlan fresh = correlator.plan(List.of(signal("H-19", "DC-19", SignalType.LOITERING, LAT_200M)));

        assertThat(fold.readVersion(opened.id())).isEqualTo(opened.version());
        assertThat(fold.changed().get(opened.id()).version()).isEqualTo(opened.version() + 2);
        assertThat(fresh.readVersion(fresh.changedIncidents().iterator().next().id())).isZero();
    }

    @Test
    void forgetting_a_ward_drops_its_incidents_and_keeps_the_others() {
        Incident here = correlate(signal("H-22", "DC-22", SignalType.LOITERING, LAT)).get(0);
        Incident there = correlate(new Signal(UUID.randomUUID(), "DC-23", DeviceFamily.DOOR_CAMERA, SignalType.LOITERING,
                clock.instant(), "H-23", "11410", LAT_200M, LON, false)).get(0);

        correlator.forget(java.util.Set.of("11440"));

        assertThat(correlator.openIncident(here.id())).isEmpty();
        assertThat(correlator.openIncident(there.id())).isPresent();
    }

    @Test
    void loitering_two_hundred_metres_apart_is_not_a_prowler() {
        correlate(signal("H-20", "DC-20", SignalType.LOITERING, LAT));
        List<Incident> changes = correlate(signal("H-21", "DC-21", SignalType.LOITERING, LAT_200M));
        assertThat(changes).extracting(Incident::kind).containsExactly(IncidentKind.LOITERING);
    }

    @Test
    void an_unacknowledged_incident_climbs_with_age_at_each_aging_tick() {
        correlate(signal("H-30", "DC-30", SignalType.LOITERING, LAT));
        Flux<Integer> scores = Flux.interval(Duration.ofMinutes(1), scheduler)
                .take(3)
                .map(tick -> aging())
                .map(plan -> plan.changedIncidents().iterator().next().ranking().score());

        StepVerifier.withVirtualTime(() -> scores, () -> scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(59))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(32)
                .thenAwait(Duration.ofMinutes(1))
                .expectNext(34)
                .thenAwait(Duration.ofMinutes(1))
                .expectNext(36)
                .verifyComplete();
    }

    @Test
    void a_new_signal_inside_the_grace_period_reopens_a_resolved_incident_and_says_so() {
        Incident opened = correlate(signal("H-40", "DC-40", SignalType.LOITERING, LAT)).get(0);
        Incident resolved = opened.withStatus(IncidentStatus.RESOLVED, "SUSPECT_GONE", clock.instant());
        correlator.commit(CorrelationPlan.of(resolved));

        CorrelationPlan plan = correlator.plan(List.of(signal("H-40", "DC-40", SignalType.TAMPER, LAT)));

        assertThat(plan.changedIncidents()).singleElement().satisfies(reopened -> {
            assertThat(reopened.id()).isEqualTo(opened.id());
            assertThat(reopened.status()).isEqualTo(IncidentStatus.NEW);
            assertThat(reopened.outcome()).isNull();
            assertThat(reopened.signals()).isEqualTo(2);
        });
        assertThat(plan.transitions()).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo("RESOLVED");
            assertThat(t.to()).isEqualTo("NEW");
            assertThat(t.actor()).isEqualTo("system");
            assertThat(t.note()).startsWith("reopened by TAMPER");
        });
    }

    @Test
    void after_the_grace_period_a_new_signal_opens_a_new_incident() {
        Incident opened = correlate(signal("H-41", "DC-41", SignalType.LOITERING, LAT)).get(0);
        correlator.commit(CorrelationPlan.of(opened.withStatus(IncidentStatus.RESOLVED, "RESIDENT_SAFE", clock.instant())));
        scheduler.advanceTimeBy(Duration.ofMinutes(31));

        Incident next = correlate(signal("H-41", "DC-41", SignalType.LOITERING, LAT)).get(0);

        assertThat(next.id()).isNotEqualTo(opened.id());
        assertThat(next.status()).isEqualTo(IncidentStatus.NEW);
    }

    private CorrelationPlan aging() {
        CorrelationPlan plan = correlator.planAging();
        correlator.commit(plan);
        return plan;
    }

    @Test
    void an_incident_a_person_reopened_takes_its_households_next_signal_even_past_the_window_of_its_last_signal() {
        IncidentLifecycle lifecycle = new IncidentLifecycle();
        Incident first = correlate(signal("H-40", "DC-40", SignalType.LOITERING, LAT)).get(0);
        scheduler.advanceTimeBy(Duration.ofMinutes(8));
        Incident resolved = lifecycle.apply(first, IncidentCommand.of(first.id(), Action.ACKNOWLEDGE, "op"), clock.instant()).after();
        resolved = lifecycle.apply(resolved, IncidentCommand.of(first.id(), Action.RESOLVE, "op").withValue("SUSPECT_GONE")
                .withNote("gone"), clock.instant()).after();
        correlator.commit(CorrelationPlan.of(resolved));
        scheduler.advanceTimeBy(Duration.ofMinutes(9));
        Incident reopened = lifecycle.apply(resolved, IncidentCommand.of(first.id(), Action.REOPEN, "op").withNote("came back"),
                clock.instant()).after();
        correlator.commit(CorrelationPlan.of(reopened));
        assertThat(correlator.openAt("H-40")).map(Incident::id).contains(first.id());
        scheduler.advanceTimeBy(Duration.ofMinutes(5)); // 22 minutes after its last signal, 5 after the reopening

        List<Incident> changed = correlate(signal("H-40", "DC-40", SignalType.TAMPER, LAT));

        assertThat(changed).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(first.id());
            assertThat(i.signals()).isEqualTo(2);
            assertThat(i.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        });
        assertThat(correlator.open()).singleElement().extracting(Incident::id).isEqualTo(first.id());
        // the control: left alone as long after its reopening, a next signal opens a new incident
        scheduler.advanceTimeBy(Duration.ofMinutes(11));
        assertThat(correlate(signal("H-40", "DC-40", SignalType.LOITERING, LAT))).singleElement()
                .extracting(Incident::id).isNotEqualTo(first.id());
    }

    private Mono<Signal> at(Duration delay, String household, String device, SignalType type, double lat) {
        return Mono.delay(delay, scheduler).map(tick -> signal(household, device, type, lat));
    }

    private Signal signal(String household, String device, SignalType type, double lat) {
        DeviceFamily family = device.startsWith("DL") ? DeviceFamily.DOOR_LOCK
                : device.startsWith("EB") ? DeviceFamily.EMERGENCY_BELL : DeviceFamily.DOOR_CAMERA;
        return new Signal(UUID.randomUUID(), device, family, type, clock.instant(), household, "11440", lat, LON, false);
    }

    private List<Incident> correlate(Signal signal) {
        CorrelationPlan plan = correlator.plan(List.of(signal));
        correlator.commit(plan);
        return List.copyOf(plan.changedIncidents());
    }
}
