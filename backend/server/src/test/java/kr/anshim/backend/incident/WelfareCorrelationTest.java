package kr.anshim.backend.incident;

import kr.anshim.api.IncidentKind;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;
import kr.anshim.backend.VirtualClock;
import kr.anshim.api.Severity;
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
 * Welfare signals correlate with the household's other signals whatever the time between them: an
 * inactivity alert and a door left open hours apart are one incident that ranks above either alone.
 */
class WelfareCorrelationTest {

    /** 14:00 in Seoul, so no night modifier. */
    private static final Instant AFTERNOON = Instant.parse("2026-11-23T05:00:00Z");

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
    void a_door_left_open_hours_before_the_inactivity_alert_joins_it_and_ranks_higher_than_either() {
        Incident doorAlone = correlate(signal("H-1", "DL-1", DeviceFamily.DOOR_LOCK, SignalType.DOOR_LEFT_OPEN));
        Incident inactivityAlone = correlate(signal("H-2", "AS-2", DeviceFamily.ACTIVITY_SUMMARY, SignalType.INACTIVITY));

        Flux<Incident> household = Flux.concat(
                Mono.fromSupplier(() -> correlate(signal("H-3", "DL-3", DeviceFamily.DOOR_LOCK, SignalType.DOOR_LEFT_OPEN))),
                Mono.delay(Duration.ofHours(5), scheduler).map(t -> correlate(signal("H-3", "AS-3", DeviceFamily.ACTIVITY_SUMMARY, SignalType.INACTIVITY))));

        StepVerifier.withVirtualTime(() -> household, () -> scheduler, Long.MAX_VALUE)
                .assertNext(door -> assertThat(door.kind()).isEqualTo(IncidentKind.ACCESS_ATTEMPT))
                .thenAwait(Duration.ofHours(5))
                .assertNext(both -> {
                    assertThat(both.kind()).isEqualTo(IncidentKind.INACTIVITY);
                    assertThat(both.signals()).isEqualTo(2);
                    assertThat(both.ranking().reasons()).contains("INACTIVE_DOOR_OPEN +20");
                    // compared without the age the door's incident gathered over the five hours
                    assertThat(signalsOnly(both)).isGreaterThan(signalsOnly(doorAlone)).isGreaterThan(signalsOnly(inactivityAlone));
                    assertThat(signalsOnly(both)).isGreaterThanOrEqualTo(60);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(inactivityAlone.ranking().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(inactivityAlone.ranking().reasons()).doesNotContain("INACTIVE_DOOR_OPEN +20");
    }

    @Test
    void the_unanswered_escalation_a_day_later_steps_up_the_same_incident_and_a_door_left_open_then_joins_it_too() {
        Flux<Incident> household = Flux.concat(
                Mono.fromSupplier(() -> correlate(signal("H-4", "AS-4", DeviceFamily.ACTIVITY_SUMMARY, SignalType.INACTIVITY))),
                Mono.delay(Duration.ofDays(1), scheduler).map(t -> correlate(signal("H-4", "AS-4", DeviceFamily.ACTIVITY_SUMMARY, SignalType.INACTIVITY_UNANSWERED))),
                Mono.delay(Duration.ofHours(2), scheduler).map(t -> correlate(signal("H-4", "DL-4", DeviceFamily.DOOR_LOCK, SignalType.DOOR_LEFT_OPEN))));

        UUID[] first = new UUID[1];
        StepVerifier.withVirtualTime(() -> household, () -> scheduler, Long.MAX_VALUE)
                .assertNext(alert -> {
                    first[0] = alert.id();
                    assertThat(alert.ranking().severity()).isEqualTo(Severity.MEDIUM);
                })
                .thenAwait(Duration.ofDays(1))
                .assertNext(escalated -> {
                    assertThat(escalated.id()).isEqualTo(first[0]);
                    assertThat(escalated.kind()).isEqualTo(IncidentKind.INACTIVITY);
                    // HIGH on its signals alone; a day unacknowledged adds its age on top (CRITICAL then)
                    assertThat(signalsOnly(escalated)).isBetween(60, 89);
                    assertThat(escalated.ranking().severity()).isIn(Severity.HIGH, Severity.CRITICAL);
                })
                .thenAwait(Duration.ofHours(2))
                .assertNext(door -> {
                    assertThat(door.id()).isEqualTo(first[0]);
                    assertThat(door.ranking().reasons()).contains("INACTIVE_DOOR_OPEN +20");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void a_door_left_open_hours_apart_without_a_welfare_signal_still_opens_its_own_incident() {
        Incident first = correlate(signal("H-5", "DL-5", DeviceFamily.DOOR_LOCK, SignalType.DOOR_LEFT_OPEN));
        scheduler.advanceTimeBy(Duration.ofHours(1));
        Incident second = correlate(signal("H-5", "DL-5", DeviceFamily.DOOR_LOCK, SignalType.WRONG_CODES));
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    /** The score without the contributions of age (unacknowledged age, the supervisor escalation it leads to). */
    private static int signalsOnly(Incident incident) {
        return incident.ranking().contributions().stream()
                .filter(c -> !c.rule().equals("UNACKNOWLEDGED_AGE") && !c.rule().equals("ESCALATED_TO_SUPERVISOR"))
                .mapToInt(kr.anshim.backend.ranking.Contribution::points).sum();
    }

    private Signal signal(String household, String device, DeviceFamily family, SignalType type) {
        return new Signal(UUID.randomUUID(), device, family, type, clock.instant(), household, "11410", 37.57, 126.93, false);
    }

    private Incident correlate(Signal signal) {
        CorrelationPlan plan = correlator.plan(List.of(signal));
        correlator.commit(plan);
        return plan.changed().get(plan.incidentOf(signal.eventId()).orElseThrow());
    }
}
