package kr.anshim.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the signed-in user may do next with an incident, as the backend's state machine and the
 * user's role allow it now. Screens offer exactly these and keep no copy of the state tables; the
 * backend still checks every command.
 *
 * @param actions  the commands it would accept now
 * @param call112  the 112 hand-off states the user may move it to (with {@code CALL_112})
 * @param callback the call-back states the user may move it to (with {@code CALLBACK})
 * @param reopenUntil with {@code REOPEN}: the end of the grace period, after which the backend refuses it
 *                 (a screen stops offering it then); null otherwise
 */
public record NextSteps(Set<IncidentCommand.Action> actions, List<Call112Status> call112, List<CallbackStatus> callback,
                        Instant reopenUntil) {

    /** Nothing: what an incident carries before the backend has worked it out for a user. */
    public static final NextSteps NONE = new NextSteps(Set.of(), List.of(), List.of());

    public NextSteps(Set<IncidentCommand.Action> actions, List<Call112Status> call112, List<CallbackStatus> callback) {
        this(actions, call112, callback, null);
    }

    public NextSteps {
        actions = actions == null ? Set.of() : Set.copyOf(actions);
        call112 = call112 == null ? List.of() : List.copyOf(call112);
        callback = callback == null ? List.of() : List.copyOf(callback);
    }

    public boolean allows(IncidentCommand.Action action) {
        return actions.contains(action);
    }

    /** Whether a person may still reopen it at {@code now}: offered, and the grace period not yet over. */
    public boolean reopenableAt(Instant now) {
        return actions.contains(IncidentCommand.Action.REOPEN) && reopenUntil != null && !now.isAfter(reopenUntil);
    }
}
