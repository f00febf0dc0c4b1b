package kr.anshim.backend.security;

import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentView;
import kr.anshim.backend.incident.IncidentLifecycle;

import java.time.Instant;

/**
 * An incident as one signed-in user's screen receives it: masked where the police mask applies,
 * and carrying what that user's role may do next in its current state (the backend's state
 * machine, {@link IncidentLifecycle#next}), so no screen keeps a copy of the state tables.
 */
public final class ScreenViews {

    private ScreenViews() {
    }

    /** As of {@code now}: a closed incident within the grace period offers its reopening to whoever may. */
    public static IncidentView forCaller(Caller caller, IncidentView incident, IncidentLifecycle lifecycle, Instant now) {
        return withNextSteps(caller, PoliceMask.forCaller(caller, incident), lifecycle, now);
    }

    /** The same, for a view already masked (or not) by the caller's code. */
    public static IncidentView withNextSteps(Caller caller, IncidentView shown, IncidentLifecycle lifecycle, Instant now) {
        return shown.with(lifecycle.next(shown, (IncidentCommand command) -> caller.may(command), now));
    }
}
