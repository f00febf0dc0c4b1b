package kr.anshim.ui.console;

import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentView;
import kr.anshim.api.NextSteps;
import kr.anshim.api.Severity;
import kr.anshim.api.SignalType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console offers what the backend said the user may do next (its state machine's answer, tested
 * in backend/server's IncidentLifecycleTest), never more, and only a note once an incident ended.
 */
class NextActionsTest {

    /** What the backend sends an operator for a new incident. */
    private static final NextSteps NEW_FOR_OPERATOR = new NextSteps(EnumSet.of(Action.ACKNOWLEDGE, Action.FALSE_ALARM,
            Action.CANCEL, Action.NOTE, Action.CALL_112, Action.CALLBACK),
            List.of(Call112Status.REQUESTED), List.of(CallbackStatus.CALLING));

    @Test
    void a_new_incident_offers_exactly_the_steps_the_backend_sent() {
        IncidentView incident = incident(IncidentStatus.NEW, NEW_FOR_OPERATOR);
        assertThat(NextActions.legal(incident)).containsExactlyInAnyOrder(Action.ACKNOWLEDGE, Action.FALSE_ALARM,
                Action.CANCEL, Action.NOTE, Action.CALL_112, Action.CALLBACK);
        assertThat(NextActions.legal(incident)).doesNotContain(Action.RESOLVE, Action.DISPATCH);
        assertThat(NextActions.call112(incident)).containsExactly("REQUESTED");
        assertThat(NextActions.callback(incident)).containsExactly("CALLING");
    }

    @Test
    void nothing_is_offered_that_the_backend_did_not_send() {
        assertThat(NextActions.legal(incident(IncidentStatus.ACKNOWLEDGED, NextSteps.NONE))).isEmpty();
        assertThat(NextActions.call112(incident(IncidentStatus.ACKNOWLEDGED, NextSteps.NONE))).isEmpty();
        // a police liaison's steps for a requested hand-off: accept it, write a note; nothing else
        NextSteps police = new NextSteps(EnumSet.of(Action.NOTE, Action.CALL_112), List.of(Call112Status.ACCEPTED), List.of());
        IncidentView requested = incident(IncidentStatus.ACKNOWLEDGED, police);
        assertThat(NextActions.legal(requested)).containsExactlyInAnyOrder(Action.NOTE, Action.CALL_112);
        assertThat(NextActions.call112(requested)).containsExactly("ACCEPTED");
        assertThat(NextActions.callback(requested)).isEmpty();
    }

    @Test
    void an_ended_incident_takes_only_a_note_whatever_else_the_backend_would_take() {
        NextSteps stillTakes = new NextSteps(EnumSet.of(Action.NOTE, Action.CALL_112, Action.CALLBACK),
                List.of(Call112Status.ACCEPTED), List.of(CallbackStatus.REACHED));
        for (IncidentStatus ended : IncidentStatus.CLOSED) {
            assertThat(NextActions.legal(incident(ended, stillTakes))).as(ended.name()).containsExactly(Action.NOTE);
            assertThat(NextActions.call112(incident(ended, stillTakes))).isEmpty();
            assertThat(NextActions.callback(incident(ended, stillTakes))).isEmpty();
        }
        // the control: the same steps on an open incident are all offered
        assertThat(NextActions.legal(incident(IncidentStatus.ON_SCENE, stillTakes))).hasSize(3);
    }

    @Test
    void the_selectors_offer_the_next_states_in_the_backends_order() {
        NextSteps steps = new NextSteps(Set.of(Action.CALL_112, Action.CALLBACK),
                List.of(Call112Status.ACCEPTED, Call112Status.NOT_REQUESTED), List.of(CallbackStatus.REACHED, CallbackStatus.NO_ANSWER));
        IncidentView incident = incident(IncidentStatus.DISPATCHED, steps);
        assertThat(NextActions.call112(incident)).containsExactly("ACCEPTED", "NOT_REQUESTED");
        assertThat(NextActions.callback(incident)).containsExactly("REACHED", "NO_ANSWER");
    }

    static IncidentView incident(IncidentStatus status, NextSteps next) {
        return new IncidentView(UUID.randomUUID(), "11440", 37.56, 126.9, IncidentKind.TAMPER, Severity.HIGH, 60, status,
                DeviceFamily.DOOR_CAMERA, SignalType.TAMPER, 1, Instant.now(), Instant.now(), List.of(),
                Call112Status.REQUESTED, CallbackStatus.CALLING, null, 1).with(next);
    }
}
