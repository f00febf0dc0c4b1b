package kr.anshim.ui.console;

import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentView;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which actions the backend will accept on an incident, so the console offers only those.
 *
 * <p>The ONE place the UI mirrors the backend's state machines; keep it in step with
 * {@code backend/server/src/main/java/kr/anshim/backend/incident/IncidentLifecycle.java} (LEGAL),
 * {@code Call112Status#canBecome} and {@code CallbackStatus#canBecome} in the same package. The
 * backend stays the authority: whatever this allows, it may still refuse (the console then shows
 * the refusal, translated). One choice is the UI's own: once an incident has ended (resolved,
 * false alarm, cancelled) only a note is offered, although the backend would still take a 112 or
 * call-back step; an ended incident is history on this screen.
 */
final class NextActions {

    /** IncidentLifecycle.LEGAL, as actions: the status each action leads to must be legal from the current one. */
    private static final Map<String, Set<Action>> BY_STATUS = Map.of(
            "NEW", EnumSet.of(Action.ACKNOWLEDGE, Action.FALSE_ALARM, Action.CANCEL),
            "ACKNOWLEDGED", EnumSet.of(Action.DISPATCH, Action.RESOLVE, Action.FALSE_ALARM, Action.CANCEL),
            "DISPATCHED", EnumSet.of(Action.DISPATCH, Action.EN_ROUTE, Action.RESOLVE, Action.FALSE_ALARM, Action.CANCEL),
            "EN_ROUTE", EnumSet.of(Action.DISPATCH, Action.ON_SCENE, Action.RESOLVE, Action.FALSE_ALARM, Action.CANCEL),
            "ON_SCENE", EnumSet.of(Action.DISPATCH, Action.RESOLVE, Action.FALSE_ALARM));

    /** Call112Status.canBecome. */
    private static final Map<String, List<String>> CALL_112 = Map.of(
            "NOT_REQUESTED", List.of("REQUESTED"),
            "REQUESTED", List.of("ACCEPTED", "NOT_REQUESTED"),
            "ACCEPTED", List.of("PATROL_ASSIGNED"),
            "PATROL_ASSIGNED", List.of());

    /** CallbackStatus.canBecome: a call that was not answered may be tried again. */
    private static final Map<String, List<String>> CALLBACK = Map.of(
            "NOT_TRIED", List.of("CALLING"),
            "CALLING", List.of("REACHED", "NO_ANSWER"),
            "REACHED", List.of(),
            "NO_ANSWER", List.of("CALLING"));

    private NextActions() {
    }

    static boolean ended(IncidentView incident) {
        return !BY_STATUS.containsKey(incident.status());
    }

    /** Every action the incident may take now. */
    static Set<Action> legal(IncidentView incident) {
        Set<Action> legal = EnumSet.of(Action.NOTE);
        Set<Action> status = BY_STATUS.get(incident.status());
        if (status == null) {
            return legal; // ended
        }
        legal.addAll(status);
        if (!call112(incident).isEmpty()) {
            legal.add(Action.CALL_112);
        }
        if (!callback(incident).isEmpty()) {
            legal.add(Action.CALLBACK);
        }
        return legal;
    }

    /** The 112 hand-off states it may move to now (none once ended). */
    static List<String> call112(IncidentView incident) {
        return ended(incident) ? List.of() : CALL_112.getOrDefault(incident.call112(), List.of());
    }

    /** The call-back states it may move to now (none once ended). */
    static List<String> callback(IncidentView incident) {
        return ended(incident) ? List.of() : CALLBACK.getOrDefault(incident.callback(), List.of());
    }
}
