package kr.anshim.ui.console;

import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The console offers what backend/server/.../incident/IncidentLifecycle.java would accept, and nothing once ended. */
class NextActionsTest {

    @Test
    void a_new_incident_is_acknowledged_or_closed_as_false_alarm_not_resolved() {
        assertThat(NextActions.legal(incident("NEW", "NOT_REQUESTED", "NOT_TRIED")))
                .containsExactlyInAnyOrder(Action.ACKNOWLEDGE, Action.FALSE_ALARM, Action.CANCEL, Action.NOTE,
                        Action.CALL_112, Action.CALLBACK);
    }

    @Test
    void an_acknowledged_one_is_dispatched_or_resolved_and_not_acknowledged_again() {
        assertThat(NextActions.legal(incident("ACKNOWLEDGED", "NOT_REQUESTED", "NOT_TRIED")))
                .contains(Action.DISPATCH, Action.RESOLVE, Action.FALSE_ALARM).doesNotContain(Action.ACKNOWLEDGE, Action.ON_SCENE);
        assertThat(NextActions.legal(incident("EN_ROUTE", "NOT_REQUESTED", "NOT_TRIED"))).contains(Action.ON_SCENE);
        assertThat(NextActions.legal(incident("ON_SCENE", "NOT_REQUESTED", "NOT_TRIED"))).doesNotContain(Action.CANCEL);
    }

    @Test
    void an_ended_incident_takes_only_a_note() {
        for (String ended : List.of("RESOLVED", "FALSE_ALARM", "CANCELLED")) {
            assertThat(NextActions.legal(incident(ended, "REQUESTED", "CALLING"))).as(ended).containsExactly(Action.NOTE);
            assertThat(NextActions.call112(incident(ended, "REQUESTED", "CALLING"))).isEmpty();
        }
    }

    @Test
    void the_selectors_offer_only_the_next_states() {
        assertThat(NextActions.call112(incident("NEW", "NOT_REQUESTED", "NOT_TRIED"))).containsExactly("REQUESTED");
        assertThat(NextActions.call112(incident("NEW", "REQUESTED", "NOT_TRIED"))).containsExactly("ACCEPTED", "NOT_REQUESTED");
        assertThat(NextActions.call112(incident("NEW", "PATROL_ASSIGNED", "NOT_TRIED"))).isEmpty();
        assertThat(NextActions.callback(incident("NEW", "NOT_REQUESTED", "CALLING"))).containsExactly("REACHED", "NO_ANSWER");
        assertThat(NextActions.callback(incident("NEW", "NOT_REQUESTED", "NO_ANSWER"))).containsExactly("CALLING");
        assertThat(NextActions.legal(incident("NEW", "PATROL_ASSIGNED", "REACHED"))).doesNotContain(Action.CALL_112, Action.CALLBACK);
    }

    private static IncidentView incident(String status, String call112, String callback) {
        return new IncidentView(UUID.randomUUID(), "11440", 37.56, 126.9, "TAMPER", "HIGH", 60, status, "DOOR_CAMERA",
                "TAMPER", 1, Instant.now(), Instant.now(), List.of(), call112, callback, null, 1);
    }
}
