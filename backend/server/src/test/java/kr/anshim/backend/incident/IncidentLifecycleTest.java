package kr.anshim.backend.incident;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.NextSteps;
import kr.anshim.api.SignalType;
import kr.anshim.backend.ranking.SeverityRanking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every legal and every illegal transition of the incident state machine, and what each records. */
class IncidentLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T13:00:00Z");
    private static final Map<Action, IncidentStatus> TARGET = new EnumMap<>(Map.of(
            Action.ACKNOWLEDGE, IncidentStatus.ACKNOWLEDGED,
            Action.DISPATCH, IncidentStatus.DISPATCHED,
            Action.EN_ROUTE, IncidentStatus.EN_ROUTE,
            Action.ON_SCENE, IncidentStatus.ON_SCENE,
            Action.RESOLVE, IncidentStatus.RESOLVED,
            Action.FALSE_ALARM, IncidentStatus.FALSE_ALARM,
            Action.CANCEL, IncidentStatus.CANCELLED));
    /** The lifecycle as specified: new → acknowledged → dispatched → en route → on scene → resolved, with two other ends. */
    private static final Map<IncidentStatus, Set<IncidentStatus>> EXPECTED = Map.of(
            IncidentStatus.NEW, Set.of(IncidentStatus.ACKNOWLEDGED, IncidentStatus.FALSE_ALARM, IncidentStatus.CANCELLED),
            IncidentStatus.ACKNOWLEDGED, Set.of(IncidentStatus.DISPATCHED, IncidentStatus.RESOLVED, IncidentStatus.FALSE_ALARM,
                    IncidentStatus.CANCELLED),
            IncidentStatus.DISPATCHED, Set.of(IncidentStatus.DISPATCHED, IncidentStatus.EN_ROUTE, IncidentStatus.RESOLVED,
                    IncidentStatus.FALSE_ALARM, IncidentStatus.CANCELLED),
            IncidentStatus.EN_ROUTE, Set.of(IncidentStatus.DISPATCHED, IncidentStatus.ON_SCENE, IncidentStatus.RESOLVED,
                    IncidentStatus.FALSE_ALARM, IncidentStatus.CANCELLED),
            IncidentStatus.ON_SCENE, Set.of(IncidentStatus.DISPATCHED, IncidentStatus.RESOLVED, IncidentStatus.FALSE_ALARM),
            IncidentStatus.RESOLVED, Set.of(),
            IncidentStatus.FALSE_ALARM, Set.of(),
            IncidentStatus.CANCELLED, Set.of());

    private final IncidentLifecycle lifecycle = new IncidentLifecycle();
    private final SeverityRanking ranking = new SeverityRanking();

    static Stream<Arguments> everyStatusAndAction() {
        return Stream.of(IncidentStatus.values()).flatMap(from -> TARGET.keySet().stream().map(action -> Arguments.of(from, action)));
    }

    @ParameterizedTest(name = "{0} --{1}-->")
    @MethodSource("everyStatusAndAction")
    void each_status_change_is_allowed_exactly_when_the_lifecycle_says_so(IncidentStatus from, Action action) {
        Incident before = incident(Set.of(SignalType.LOITERING)).withStatus(from, from.open() ? null : "OTHER", NOW);
        IncidentCommand command = command(before, action);
        IncidentStatus to = TARGET.get(action);

        if (EXPECTED.get(from).contains(to)) {
            IncidentLifecycle.Change change = lifecycle.apply(before, command, NOW.plusSeconds(5));
            assertThat(change.after().status()).isEqualTo(to);
            assertThat(change.transitions().get(0)).satisfies(t -> {
                assertThat(t.kind()).isEqualTo("STATUS");
                assertThat(t.from()).isEqualTo(from.name());
                assertThat(t.to()).isEqualTo(to.name());
                assertThat(t.actor()).isEqualTo("op-mapo-1");
                assertThat(t.at()).isEqualTo(NOW.plusSeconds(5));
            });
            assertThat(change.after().closedAt()).isEqualTo(to.open() ? null : NOW.plusSeconds(5));
        } else {
            assertThatThrownBy(() -> lifecycle.apply(before, command, NOW.plusSeconds(5)))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("cannot go from " + from + " to " + to);
        }
    }

    @Test
    void resolving_needs_a_known_outcome() {
        Incident acknowledged = incident(Set.of(SignalType.LOITERING)).withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW);
        IncidentCommand resolve = IncidentCommand.of(acknowledged.id(), Action.RESOLVE, "op");
        assertThatThrownBy(() -> lifecycle.apply(acknowledged, resolve, NOW)).hasMessageContaining("missing outcome");
        assertThatThrownBy(() -> lifecycle.apply(acknowledged, resolve.withValue("HAPPY"), NOW)).hasMessageContaining("unknown outcome 'HAPPY'");
        IncidentLifecycle.Change change = lifecycle.apply(acknowledged, resolve.withValue("RESIDENT_SAFE"), NOW);
        assertThat(change.after().outcome()).isEqualTo("RESIDENT_SAFE");
        assertThat(change.transitions().get(0).note()).isEqualTo("outcome RESIDENT_SAFE");
        // the false alarm's own outcome is recorded by its action, never picked when resolving
        assertThatThrownBy(() -> lifecycle.apply(acknowledged, resolve.withValue("FALSE_ALARM"), NOW))
                .hasMessageContaining("unknown outcome 'FALSE_ALARM'");
    }

    static Stream<Arguments> everyState() {
        return Stream.of(IncidentStatus.values()).flatMap(status -> Stream.of(Call112Status.values())
                .flatMap(call -> Stream.of(CallbackStatus.values()).map(back -> Arguments.of(status, call, back))));
    }

    @ParameterizedTest(name = "{0} · {1} · {2}")
    @MethodSource("everyState")
    void the_next_steps_it_tells_a_screen_are_exactly_the_commands_it_would_accept(IncidentStatus status, Call112Status call,
                                                                                 CallbackStatus back) {
        Incident before = incident(Set.of(SignalType.LOITERING)).withStatus(status, status.open() ? null : "OTHER", NOW)
                .withCall112(call, NOW).withCallback(back, NOW);
        NextSteps steps = lifecycle.next(before.view(), command -> true, NOW.plusSeconds(5));

        for (Action action : Action.values()) {
            if (action == Action.CALL_112 || action == Action.CALLBACK) {
                continue;
            }
            IncidentCommand command = command(before, action).withValue("RESIDENT_SAFE").withNote("checked");
            assertThat(steps.allows(action)).as(action.name()).isEqualTo(accepts(before, command));
        }
        List<Call112Status> call112 = Stream.of(Call112Status.values())
                .filter(to -> accepts(before, command(before, Action.CALL_112).withValue(to.name()))).toList();
        List<CallbackStatus> callback = Stream.of(CallbackStatus.values())
                .filter(to -> accepts(before, command(before, Action.CALLBACK).withValue(to.name()))).toList();
        assertThat(steps.call112()).containsExactlyInAnyOrderElementsOf(call112);
        assertThat(steps.callback()).containsExactlyInAnyOrderElementsOf(callback);
        assertThat(steps.allows(Action.CALL_112)).isEqualTo(!call112.isEmpty());
        assertThat(steps.allows(Action.CALLBACK)).isEqualTo(!callback.isEmpty());
    }

    @Test
    void a_new_incident_is_offered_acknowledge_or_false_alarm_and_an_acknowledged_one_dispatch_or_resolve() {
        Incident fresh = incident(Set.of(SignalType.LOITERING));
        assertThat(IncidentLifecycle.next(fresh.view(), command -> true).actions()).containsExactlyInAnyOrder(
                Action.ACKNOWLEDGE, Action.FALSE_ALARM, Action.CANCEL, Action.NOTE, Action.CALL_112, Action.CALLBACK);
        Incident acknowledged = fresh.withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW);
        assertThat(IncidentLifecycle.next(acknowledged.view(), command -> true).actions())
                .contains(Action.DISPATCH, Action.RESOLVE, Action.FALSE_ALARM).doesNotContain(Action.ACKNOWLEDGE, Action.ON_SCENE);
        assertThat(IncidentLifecycle.next(fresh.withStatus(IncidentStatus.EN_ROUTE, null, NOW).view(), command -> true).actions())
                .contains(Action.ON_SCENE);
        assertThat(IncidentLifecycle.next(fresh.withStatus(IncidentStatus.ON_SCENE, null, NOW).view(), command -> true).actions())
                .doesNotContain(Action.CANCEL);
        NextSteps calling = IncidentLifecycle.next(fresh.withCallback(CallbackStatus.CALLING, NOW).view(), command -> true);
        assertThat(calling.callback()).containsExactly(CallbackStatus.REACHED, CallbackStatus.NO_ANSWER);
        NextSteps done = IncidentLifecycle.next(fresh.withCall112(Call112Status.PATROL_ASSIGNED, NOW)
                .withCallback(CallbackStatus.REACHED, NOW).view(), command -> true);
        assertThat(done.actions()).doesNotContain(Action.CALL_112, Action.CALLBACK);
    }

    @Test
    void the_next_steps_leave_out_what_the_role_may_not_do() {
        Incident requested = incident(Set.of(SignalType.LOITERING)).withCall112(Call112Status.REQUESTED, NOW);
        // as a police liaison's permissions read: notes, and accepting a hand-off (never withdrawing it)
        NextSteps police = IncidentLifecycle.next(requested.view(), command -> command.action() == Action.NOTE
                || (command.action() == Action.CALL_112 && "ACCEPTED".equals(command.value())));
        assertThat(police.actions()).containsExactlyInAnyOrder(Action.NOTE, Action.CALL_112);
        assertThat(police.call112()).containsExactly(Call112Status.ACCEPTED);
        assertThat(police.callback()).isEmpty();
        // the control: with every permission the same incident offers more
        NextSteps all = IncidentLifecycle.next(requested.view(), command -> true);
        assertThat(all.actions()).contains(Action.ACKNOWLEDGE, Action.CALLBACK);
        assertThat(all.call112()).containsExactlyInAnyOrder(Call112Status.ACCEPTED, Call112Status.NOT_REQUESTED);
    }

    @Test
    void a_person_reopens_a_resolved_or_false_alarm_incident_within_ten_minutes_with_a_reason_audited_as_reopen() {
        for (IncidentStatus end : ReopenWindow.FROM) {
            Incident closed = incident(Set.of(SignalType.DOOR_FORCED)).withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW)
                    .withStatus(end, "RESIDENT_SAFE", NOW);
            IncidentCommand reopen = IncidentCommand.of(closed.id(), Action.REOPEN, "op-mapo-1").withNote("  resident called again  ");
            Instant lastMoment = NOW.plus(ReopenWindow.DEFAULT);

            IncidentLifecycle.Change change = lifecycle.apply(closed, reopen, lastMoment);

            assertThat(change.after().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
            assertThat(change.after().closedAt()).isNull();
            assertThat(change.after().outcome()).isNull();
            assertThat(change.after().version()).isEqualTo(closed.version() + 1);
            assertThat(change.transitions()).singleElement().satisfies(t -> {
                assertThat(t.kind()).isEqualTo("REOPEN");
                assertThat(t.from()).isEqualTo(end.name());
                assertThat(t.to()).isEqualTo("ACKNOWLEDGED");
                assertThat(t.actor()).isEqualTo("op-mapo-1");
                assertThat(t.note()).isEqualTo("resident called again");
                assertThat(t.at()).isEqualTo(lastMoment);
            });
            NextSteps offered = lifecycle.next(closed.view(), command -> true, NOW.plusSeconds(60));
            assertThat(offered.allows(Action.REOPEN)).isTrue();
            assertThat(offered.reopenUntil()).isEqualTo(lastMoment);
            assertThat(offered.reopenableAt(lastMoment)).isTrue();
            assertThat(offered.reopenableAt(lastMoment.plusSeconds(1))).isFalse();
        }
    }

    @Test
    void after_the_grace_period_reopening_is_refused_and_no_longer_offered() {
        Incident resolved = incident(Set.of(SignalType.LOITERING)).withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW)
                .withStatus(IncidentStatus.RESOLVED, "SUSPECT_GONE", NOW);
        IncidentCommand reopen = IncidentCommand.of(resolved.id(), Action.REOPEN, "op").withNote("wrong incident closed");
        Instant tooLate = NOW.plus(ReopenWindow.DEFAULT).plusSeconds(1);

        assertThatThrownBy(() -> lifecycle.apply(resolved, reopen, tooLate))
                .isInstanceOf(IllegalTransitionException.class).hasMessageStartingWith(IncidentLifecycle.REOPEN_TOO_LATE);
        assertThat(lifecycle.next(resolved.view(), command -> true, tooLate).allows(Action.REOPEN)).isFalse();
        // the control: a moment earlier both say yes
        assertThat(lifecycle.next(resolved.view(), command -> true, tooLate.minusSeconds(1)).allows(Action.REOPEN)).isTrue();
        assertThat(lifecycle.apply(resolved, reopen, tooLate.minusSeconds(1)).after().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    void reopening_needs_a_reason_and_a_resolved_or_false_alarm_incident() {
        Incident resolved = incident(Set.of(SignalType.LOITERING)).withStatus(IncidentStatus.RESOLVED, "OTHER", NOW);
        Incident cancelled = incident(Set.of(SignalType.LOITERING)).withStatus(IncidentStatus.CANCELLED, null, NOW);
        Incident open = incident(Set.of(SignalType.LOITERING)).withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW);
        IncidentCommand reopen = IncidentCommand.of(resolved.id(), Action.REOPEN, "op");

        assertThatThrownBy(() -> lifecycle.apply(resolved, reopen.withNote(" "), NOW.plusSeconds(5)))
                .hasMessage(IncidentLifecycle.REOPEN_NEEDS_REASON);
        assertThatThrownBy(() -> lifecycle.apply(cancelled, reopen.withNote("why"), NOW.plusSeconds(5)))
                .hasMessageStartingWith(IncidentLifecycle.REOPEN_NOT_CLOSED);
        assertThatThrownBy(() -> lifecycle.apply(open, reopen.withNote("why"), NOW.plusSeconds(5)))
                .hasMessageStartingWith(IncidentLifecycle.REOPEN_NOT_CLOSED);
        assertThat(lifecycle.next(cancelled.view(), command -> true, NOW.plusSeconds(5)).allows(Action.REOPEN)).isFalse();
        assertThat(lifecycle.apply(resolved, reopen.withNote("why"), NOW.plusSeconds(5)).after().status())
                .isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    void the_grace_period_is_configurable_and_reopening_is_offered_only_to_a_role_that_may() {
        IncidentLifecycle twoMinutes = new IncidentLifecycle(new ReopenWindow(java.time.Duration.ofMinutes(2)));
        Incident resolved = incident(Set.of(SignalType.LOITERING)).withStatus(IncidentStatus.FALSE_ALARM, null, NOW);
        IncidentCommand reopen = IncidentCommand.of(resolved.id(), Action.REOPEN, "op").withNote("why");

        assertThatThrownBy(() -> twoMinutes.apply(resolved, reopen, NOW.plusSeconds(121)))
                .hasMessageStartingWith(IncidentLifecycle.REOPEN_TOO_LATE);
        assertThat(twoMinutes.apply(resolved, reopen, NOW.plusSeconds(120)).transitions().get(0).kind()).isEqualTo("REOPEN");
        NextSteps police = twoMinutes.next(resolved.view(), command -> command.action() == Action.NOTE, NOW.plusSeconds(60));
        assertThat(police.allows(Action.REOPEN)).isFalse();
        assertThat(police.reopenUntil()).isNull();
        assertThat(twoMinutes.next(resolved.view(), command -> true, NOW.plusSeconds(60)).reopenUntil())
                .isEqualTo(NOW.plusSeconds(120));
    }

    private boolean accepts(Incident before, IncidentCommand command) {
        try {
            lifecycle.apply(before, command, NOW.plusSeconds(5));
            return true;
        } catch (IllegalTransitionException refused) {
            return false;
        }
    }

    @Test
    void an_alarm_triggered_dispatch_is_free_and_a_resident_requested_one_costs_25000_won_unless_a_crime_risk_is_confirmed() {
        Incident alarm = incident(Set.of(SignalType.FORCED_ENTRY)).withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW);
        Incident sos = incident(Set.of(SignalType.SOS_PRESSED)).withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW);
        IncidentCommand dispatch = IncidentCommand.of(alarm.id(), Action.DISPATCH, "op");

        Dispatch byAlarm = lifecycle.apply(alarm, dispatch.dispatching("SG-11440-01", false, false), NOW).dispatch().orElseThrow();
        Dispatch byResident = lifecycle.apply(sos, dispatch.dispatching("SG-11440-01", true, false), NOW).dispatch().orElseThrow();
        Dispatch riskConfirmed = lifecycle.apply(sos, dispatch.dispatching("SG-11440-01", true, true), NOW).dispatch().orElseThrow();
        Dispatch residentAfterAlarm = lifecycle.apply(alarm, dispatch.dispatching("SG-11440-01", true, false), NOW)
                .dispatch().orElseThrow();

        assertThat(byAlarm.trigger()).isEqualTo(Dispatch.Trigger.ALARM);
        assertThat(byAlarm.feeWon()).isZero();
        assertThat(byResident.trigger()).isEqualTo(Dispatch.Trigger.RESIDENT_REQUEST);
        assertThat(byResident.feeWon()).isEqualTo(25_000);
        assertThat(riskConfirmed.crimeRiskConfirmed()).isTrue();
        assertThat(riskConfirmed.feeWon()).isZero();
        assertThat(residentAfterAlarm.feeWon()).as("the resident may also ask on an alarm's incident").isEqualTo(25_000);
        assertThat(lifecycle.apply(sos, dispatch.dispatching("SG-11440-01", true, false), NOW).transitions())
                .extracting(Transition::kind).containsExactly("STATUS", "DISPATCH");
    }

    @Test
    void a_dispatch_without_its_basis_or_called_alarm_triggered_on_the_residents_request_alone_is_refused() {
        Incident sos = incident(Set.of(SignalType.SOS_PRESSED)).withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW);
        Incident bell = incident(Set.of(SignalType.BELL_PRESSED)).withStatus(IncidentStatus.ACKNOWLEDGED, null, NOW);
        IncidentCommand dispatch = IncidentCommand.of(sos.id(), Action.DISPATCH, "op");

        assertThatThrownBy(() -> lifecycle.apply(sos, dispatch.dispatching("SG-11440-01", null, false), NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageStartingWith("a dispatch says whether the resident requested it");
        assertThatThrownBy(() -> lifecycle.apply(sos, dispatch.dispatching("SG-11440-01", false, false), NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageStartingWith("an alarm-triggered dispatch needs a device alarm");
        assertThat(lifecycle.apply(bell, dispatch.dispatching("SG-11440-01", false, false), NOW).dispatch().orElseThrow().feeWon())
                .as("positive control: a bell is a device's alarm, free").isZero();
    }

    @Test
    void a_critical_incident_refuses_a_group_acknowledgement_and_takes_its_own() {
        Incident critical = incident(Set.of(SignalType.BELL_PRESSED));
        Incident tamper = incident(Set.of(SignalType.TAMPER));
        IncidentCommand bulk = IncidentCommand.of(critical.id(), Action.ACKNOWLEDGE, "op").withValue(IncidentCommand.BULK);

        assertThat(critical.ranking().severity()).isEqualTo(kr.anshim.api.Severity.CRITICAL);
        assertThatThrownBy(() -> lifecycle.apply(critical, bulk, NOW)).isInstanceOf(IllegalTransitionException.class)
                .hasMessage(IncidentLifecycle.CRITICAL_ONE_BY_ONE);
        assertThat(lifecycle.apply(tamper, bulk, NOW).after().status()).as("a lesser one goes with its group")
                .isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(lifecycle.apply(critical, IncidentCommand.of(critical.id(), Action.ACKNOWLEDGE, "op"), NOW).after().status())
                .as("selected itself, it is acknowledged").isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    void the_112_hand_off_and_the_call_back_follow_their_own_steps() {
        Incident incident = incident(Set.of(SignalType.BELL_PRESSED));
        IncidentCommand call112 = IncidentCommand.of(incident.id(), Action.CALL_112, "police-liaison");
        Incident requested = lifecycle.apply(incident, call112.withValue("REQUESTED"), NOW).after();
        Incident accepted = lifecycle.apply(requested, call112.withValue("ACCEPTED"), NOW).after();
        Incident assigned = lifecycle.apply(accepted, call112.withValue("PATROL_ASSIGNED"), NOW).after();
        assertThat(assigned.call112()).isEqualTo(Call112Status.PATROL_ASSIGNED);
        assertThatThrownBy(() -> lifecycle.apply(incident, call112.withValue("ACCEPTED"), NOW))
                .hasMessageContaining("112 hand-off cannot go from NOT_REQUESTED to ACCEPTED");

        IncidentCommand callback = IncidentCommand.of(incident.id(), Action.CALLBACK, "op");
        Incident calling = lifecycle.apply(incident, callback.withValue("CALLING"), NOW).after();
        Incident noAnswer = lifecycle.apply(calling, callback.withValue("NO_ANSWER"), NOW).after();
        Incident again = lifecycle.apply(noAnswer, callback.withValue("CALLING"), NOW).after();
        Incident reached = lifecycle.apply(again, callback.withValue("REACHED"), NOW).after();
        assertThat(reached.callback()).isEqualTo(CallbackStatus.REACHED);
        assertThatThrownBy(() -> lifecycle.apply(reached, callback.withValue("CALLING"), NOW))
                .hasMessageContaining("call-back cannot go from REACHED to CALLING");
    }

    @Test
    void a_note_needs_text_and_an_actor_and_changes_no_state() {
        Incident incident = incident(Set.of(SignalType.TAMPER));
        IncidentCommand note = IncidentCommand.of(incident.id(), Action.NOTE, "op");
        assertThatThrownBy(() -> lifecycle.apply(incident, note, NOW)).hasMessageContaining("a note needs text");
        assertThatThrownBy(() -> lifecycle.apply(incident, IncidentCommand.of(incident.id(), Action.NOTE, " ").withNote("x"), NOW))
                .hasMessageContaining("needs an actor");
        IncidentLifecycle.Change change = lifecycle.apply(incident, note.withNote("CCTV 확인: 현관 앞 인물 없음"), NOW);
        assertThat(change.after().status()).isEqualTo(IncidentStatus.NEW);
        assertThat(change.transitions()).singleElement().satisfies(t -> assertThat(t.note()).isEqualTo("CCTV 확인: 현관 앞 인물 없음"));
    }

    private IncidentCommand command(Incident incident, Action action) {
        IncidentCommand command = IncidentCommand.of(incident.id(), action, "op-mapo-1");
        return switch (action) {
            case DISPATCH -> command.dispatching("PC-11440-01", false, false);
            case RESOLVE -> command.withValue("SUSPECT_GONE");
            default -> command;
        };
    }

    private Incident incident(Set<SignalType> types) {
        Incident incident = null;
        for (SignalType type : types) {
            Signal signal = new Signal(UUID.randomUUID(), "DEV-1", DeviceFamily.DOOR_CAMERA, type, NOW, "H-1", "11440",
                    37.56, 126.90, false);
            incident = incident == null ? Incident.open(UUID.randomUUID(), signal, ranking, NOW) : incident.with(signal, ranking, NOW);
        }
        return incident;
    }
}
