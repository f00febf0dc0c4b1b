package kr.anshim.backend.responder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kr.anshim.api.DemoResponders;
import kr.anshim.api.ResponderPosition;
import kr.anshim.api.ResponderView;
import kr.anshim.backend.responder.ResponderChangeRefused.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static kr.anshim.backend.responder.InMemoryResponderStore.patrolCar;
import static org.assertj.core.api.Assertions.assertThat;

/** The roster's state machine over a faked database: what is legal happens and is stored; what is not changes nothing. */
class ResponderRosterTest {

    private static final Instant NOW = Instant.parse("2026-11-23T13:15:00Z");
    private static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private InMemoryResponderStore store;
    private SimpleMeterRegistry meters;
    private ResponderRoster roster;

    @BeforeEach
    void roster() {
        store = InMemoryResponderStore.with(patrolCar("PC-11440-01"), patrolCar("PC-11440-02"));
        meters = new SimpleMeterRegistry();
        roster = new ResponderRoster(store, List.of(), Clock.fixed(NOW, ZoneOffset.UTC), meters);
        roster.ready().block(Duration.ofSeconds(5));
    }

    @Test
    void assigning_an_available_responder_dispatches_it_to_the_incident_and_stores_it() {
        StepVerifier.create(roster.assign("PC-11440-01", INCIDENT))
                .assertNext(view -> {
                    assertThat(view.status()).isEqualTo("DISPATCHED");
                    assertThat(view.incidentId()).isEqualTo(INCIDENT);
                    assertThat(view.updatedAt()).isEqualTo(NOW);
                })
                .verifyComplete();

        assertThat(store.rows.get("PC-11440-01").status()).isEqualTo(ResponderStatus.DISPATCHED);
        assertThat(store.rows.get("PC-11440-01").incidentId()).isEqualTo(INCIDENT);
        assertThat(roster.find("PC-11440-01")).map(ResponderView::status).hasValue("DISPATCHED");
        assertThat(meters.counter("anshim.responders.status.changes", "outcome", "changed").count()).isEqualTo(1);
        assertThat(meters.get("anshim.responders").tag("status", "DISPATCHED").gauge().value()).isEqualTo(1);
        assertThat(meters.get("anshim.responders").tag("status", "AVAILABLE").gauge().value()).isEqualTo(1);
    }

    @Test
    void a_responder_already_on_a_call_cannot_be_assigned_to_another() {
        roster.assign("PC-11440-01", INCIDENT).block();

        StepVerifier.create(roster.assign("PC-11440-01", UUID.randomUUID()))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.NOT_AVAILABLE, "is DISPATCHED, not AVAILABLE"))
                .verify();
        assertThat(roster.find("PC-11440-01").orElseThrow().incidentId()).isEqualTo(INCIDENT);
        assertThat(meters.counter("anshim.responders.status.changes", "outcome", "NOT_AVAILABLE").count()).isEqualTo(1);
    }

    @Test
    void a_responder_goes_the_whole_round_keeping_its_incident_until_it_is_free_again() {
        roster.assign("PC-11440-01", INCIDENT).block();

        for (String status : List.of("EN_ROUTE", "ON_SCENE", "RETURNING")) {
            ResponderView view = roster.updateStatus("PC-11440-01", status).block();
            assertThat(view.status()).isEqualTo(status);
            assertThat(view.incidentId()).isEqualTo(INCIDENT);
        }
        ResponderView free = roster.updateStatus("PC-11440-01", "AVAILABLE").block();

        assertThat(free.status()).isEqualTo("AVAILABLE");
        assertThat(free.incidentId()).isNull();
        assertThat(store.rows.get("PC-11440-01").status()).isEqualTo(ResponderStatus.AVAILABLE);
        assertThat(store.rows.get("PC-11440-01").incidentId()).isNull();
    }

    @Test
    void a_dispatch_cancelled_before_arrival_frees_the_responder() {
        roster.assign("PC-11440-01", INCIDENT).block();
        roster.assign("PC-11440-02", INCIDENT).block();
        roster.updateStatus("PC-11440-02", "EN_ROUTE").block();

        assertThat(roster.updateStatus("PC-11440-01", "AVAILABLE").block().incidentId()).isNull();
        assertThat(roster.updateStatus("PC-11440-02", "AVAILABLE").block().status()).isEqualTo("AVAILABLE");
    }

    @Test
    void an_illegal_transition_is_refused_with_the_legal_ones_and_changes_nothing() {
        StepVerifier.create(roster.updateStatus("PC-11440-01", "ON_SCENE"))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.ILLEGAL_TRANSITION,
                        "is AVAILABLE and cannot become ON_SCENE; it may become [DISPATCHED, OFF_DUTY]"))
                .verify();
        roster.assign("PC-11440-01", INCIDENT).block();
        roster.updateStatus("PC-11440-01", "EN_ROUTE").block();
        roster.updateStatus("PC-11440-01", "ON_SCENE").block();

        StepVerifier.create(roster.updateStatus("PC-11440-01", "AVAILABLE"))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.ILLEGAL_TRANSITION, "cannot become AVAILABLE"))
                .verify();
        StepVerifier.create(roster.updateStatus("PC-11440-01", "ON_SCENE"))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.ILLEGAL_TRANSITION, "is ON_SCENE and cannot become ON_SCENE"))
                .verify();
        assertThat(store.rows.get("PC-11440-01").status()).isEqualTo(ResponderStatus.ON_SCENE);
        assertThat(roster.find("PC-11440-01").orElseThrow().status()).isEqualTo("ON_SCENE");
    }

    @Test
    void dispatching_is_only_done_by_assigning_an_incident() {
        StepVerifier.create(roster.updateStatus("PC-11440-01", "DISPATCHED"))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.ILLEGAL_TRANSITION, "by assign"))
                .verify();
    }

    @Test
    void anyone_may_go_off_duty_but_comes_back_only_as_available() {
        roster.assign("PC-11440-01", INCIDENT).block();

        assertThat(roster.updateStatus("PC-11440-01", "OFF_DUTY").block().incidentId()).isNull();
        StepVerifier.create(roster.updateStatus("PC-11440-01", "EN_ROUTE"))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.ILLEGAL_TRANSITION, "may become [AVAILABLE]"))
                .verify();
        StepVerifier.create(roster.assign("PC-11440-01", INCIDENT))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.NOT_AVAILABLE, "is OFF_DUTY"))
                .verify();
        assertThat(roster.updateStatus("PC-11440-01", "AVAILABLE").block().status()).isEqualTo("AVAILABLE");
    }

    @Test
    void an_unknown_responder_or_status_is_named_in_the_refusal() {
        StepVerifier.create(roster.assign("PC-99999-01", INCIDENT))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.UNKNOWN_RESPONDER, "no responder PC-99999-01"))
                .verify();
        StepVerifier.create(roster.updateStatus("PC-11440-01", "LUNCH"))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.UNKNOWN_STATUS, "'LUNCH'"))
                .verify();
        StepVerifier.create(roster.updateStatus(null, "AVAILABLE"))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.UNKNOWN_RESPONDER, "no responder null"))
                .verify();
    }

    @Test
    void when_the_change_cannot_be_stored_nothing_changes_and_nothing_is_published() {
        store.failing = true;

        StepVerifier.create(roster.assign("PC-11440-01", INCIDENT))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.STORAGE_UNAVAILABLE, "connection refused"))
                .verify();

        assertThat(roster.find("PC-11440-01").orElseThrow().status()).isEqualTo("AVAILABLE");
        assertThat(meters.counter("anshim.responders.changes", "outcome", "published").count()).isZero();
    }

    @Test
    void a_status_someone_else_changed_first_is_a_conflict_not_an_overwrite() {
        roster.assign("PC-11440-01", INCIDENT).block();
        store.overwrite("PC-11440-01", ResponderStatus.OFF_DUTY);

        StepVerifier.create(roster.updateStatus("PC-11440-01", "EN_ROUTE"))
                .expectErrorSatisfies(error -> assertRefused(error, Reason.CONFLICT, "is no longer DISPATCHED"))
                .verify();
        assertThat(store.rows.get("PC-11440-01").status()).isEqualTo(ResponderStatus.OFF_DUTY);
    }

    @Test
    void every_change_is_published_as_the_whole_responder() {
        StepVerifier.create(roster.changes().take(3))
                .then(() -> roster.assign("PC-11440-01", INCIDENT).subscribe())
                .assertNext(view -> assertThat(view.status()).isEqualTo("DISPATCHED"))
                .then(() -> roster.move(position("PC-11440-01", 37.57, 126.89, NOW)))
                .assertNext(view -> {
                    assertThat(view.latitude()).isEqualTo(37.57);
                    assertThat(view.status()).isEqualTo("DISPATCHED");
                    assertThat(view.incidentId()).isEqualTo(INCIDENT);
                })
                .then(() -> roster.updateStatus("PC-11440-01", "EN_ROUTE").subscribe())
                .assertNext(view -> {
                    assertThat(view.status()).isEqualTo("EN_ROUTE");
                    assertThat(view.latitude()).isEqualTo(37.57);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void a_position_measured_before_the_last_one_accepted_is_stale_and_ignored() {
        assertThat(roster.move(position("PC-11440-01", 37.57, 126.89, NOW))).isEqualTo(ResponderRoster.Moved.ACCEPTED);

        assertThat(roster.move(position("PC-11440-01", 37.50, 126.80, NOW.minusSeconds(1)))).isEqualTo(ResponderRoster.Moved.STALE);
        assertThat(roster.move(position("PC-00000-01", 37.50, 126.80, NOW))).isEqualTo(ResponderRoster.Moved.UNKNOWN_RESPONDER);
        assertThat(roster.find("PC-11440-01").orElseThrow().latitude()).isEqualTo(37.57);
    }

    @Test
    void the_history_keeps_only_the_last_fifty_positions_oldest_first() {
        for (int i = 0; i < 120; i++) {
            roster.move(position("PC-11440-01", 37.5 + i / 10_000.0, 126.9, NOW.plusSeconds(i)));
        }

        List<ResponderPosition> track = roster.history("PC-11440-01");
        assertThat(track).hasSize(50);
        assertThat(track.get(0).at()).isEqualTo(NOW.plusSeconds(70));
        assertThat(track.get(49).at()).isEqualTo(NOW.plusSeconds(119));
        assertThat(roster.history("PC-11440-02")).isEmpty();
    }

    @Test
    void an_empty_roster_is_seeded_once_and_a_filled_one_is_left_alone() {
        InMemoryResponderStore empty = new InMemoryResponderStore();
        ResponderSeed demo = new DemoResponderSeed(20221101L);

        ResponderRoster seeded = new ResponderRoster(empty, List.of(demo), Clock.systemUTC(), new SimpleMeterRegistry());
        seeded.ready().block(Duration.ofSeconds(5));
        new ResponderRoster(empty, List.of(demo), Clock.systemUTC(), new SimpleMeterRegistry()).ready().block(Duration.ofSeconds(5));

        assertThat(empty.imports).isEqualTo(1);
        assertThat(seeded.all()).hasSize(DemoResponders.generate(20221101L).size());
    }

    @Test
    void a_roster_that_could_not_load_tries_again_on_next_use() {
        InMemoryResponderStore late = InMemoryResponderStore.with(patrolCar("PC-11440-01"));
        late.loadFailuresLeft = 1;
        ResponderRoster retrying = new ResponderRoster(late, List.of(), Clock.systemUTC(), new SimpleMeterRegistry());

        StepVerifier.create(retrying.ready()).expectErrorMessage("database not up yet").verify();
        StepVerifier.create(retrying.assign("PC-11440-01", INCIDENT))
                .assertNext(view -> assertThat(view.status()).isEqualTo("DISPATCHED"))
                .verifyComplete();
    }

    private static ResponderPosition position(String id, double lat, double lon, Instant at) {
        return new ResponderPosition(id, lat, lon, at);
    }

    private static void assertRefused(Throwable error, Reason reason, String message) {
        assertThat(error).isInstanceOf(ResponderChangeRefused.class).hasMessageContaining(message);
        assertThat(((ResponderChangeRefused) error).reason()).isEqualTo(reason);
    }
}
