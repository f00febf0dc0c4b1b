package kr.anshim.backend.operations;

import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentView;
import kr.anshim.backend.incident.IncidentLifecycle;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Role;
import kr.anshim.backend.security.ScreenViews;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Instant;

/**
 * The console's "recently closed" list: the resolved and false-alarm incidents of the caller's
 * wards a person may still reopen, newest first, each carrying its reopening deadline. Scoped in
 * the query and checked again per incident, as every screen route is.
 */
@Component
class RecentlyClosed {

    /** A ward closes a few hundred incidents in ten minutes at most in a flood; the list shows the newest. */
    static final int LIMIT = 200;

    private final IncidentStore incidents;
    private final IncidentLifecycle lifecycle;
    private final Clock clock;

    RecentlyClosed(IncidentStore incidents, IncidentLifecycle lifecycle, Clock clock) {
        this.incidents = incidents;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    Flux<IncidentView> of(Caller caller) {
        Instant now = clock.instant();
        return incidents.closedSinceForScreens(now.minus(lifecycle.reopening().grace()),
                        caller.role() == Role.SUPERVISOR ? null : caller.wards(), LIMIT)
                .filter(incident -> caller.sees(incident.wardCode()))
                .map(incident -> ScreenViews.forCaller(caller, incident.view(), lifecycle, now))
                .filter(view -> view.next().allows(Action.REOPEN));
    }
}
