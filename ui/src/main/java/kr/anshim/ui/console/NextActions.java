package kr.anshim.ui.console;

import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentView;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which actions to offer on an incident: what the backend said this user may do next
 * ({@link IncidentView#next()}, worked out by its state machine for the user's role). The UI keeps
 * no copy of the state tables; it only narrows: once an incident has ended (resolved, false alarm,
 * cancelled) only a note and, while the backend's grace period lasts, its reopening are offered,
 * although the backend would still take a 112 or call-back step; an ended incident is history on
 * this screen. The backend checks every command again.
 */
public final class NextActions {

    private NextActions() {
    }

    static boolean ended(IncidentView incident) {
        return incident.status().isClosed();
    }

    /** Every action the incident may take now. */
    public static Set<Action> legal(IncidentView incident) {
        return legal(incident, Instant.now());
    }

    /** Every action the incident may take at {@code now}: reopening only until the grace period the backend gave ends. */
    public static Set<Action> legal(IncidentView incident, Instant now) {
        Set<Action> offered = incident.next().actions();
        if (offered.isEmpty()) {
            return EnumSet.noneOf(Action.class);
        }
        Set<Action> legal = EnumSet.copyOf(offered);
        if (ended(incident)) {
            legal.retainAll(EnumSet.of(Action.NOTE, Action.REOPEN));
        }
        if (!incident.next().reopenableAt(now)) {
            legal.remove(Action.REOPEN);
        }
        return legal;
    }

    /** The 112 hand-off states it may move to now (none once ended), as names. */
    public static List<String> call112(IncidentView incident) {
        return ended(incident) ? List.of() : incident.next().call112().stream().map(Enum::name).toList();
    }

    /** The call-back states it may move to now (none once ended), as names. */
    public static List<String> callback(IncidentView incident) {
        return ended(incident) ? List.of() : incident.next().callback().stream().map(Enum::name).toList();
    }
}
