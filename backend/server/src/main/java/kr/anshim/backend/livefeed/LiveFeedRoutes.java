package kr.anshim.backend.livefeed;

import kr.anshim.api.IncidentView;
import kr.anshim.api.Routes;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.security.Callers;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

import static kr.anshim.api.ConnectionCredentials.Kind.SERVICE;
import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/** Screens subscribe here: the open incidents first, then every change. */
@Controller
class LiveFeedRoutes {

    private final IncidentStore incidents;
    private final LiveFeed feed;

    LiveFeedRoutes(IncidentStore incidents, LiveFeed feed) {
        this.incidents = incidents;
        this.feed = feed;
    }

    /**
     * Snapshot and changes are merged, not concatenated, so no change slips between the two;
     * a screen keeps the newest state of each incident by {@code updatedAt}. Ward scoping is applied
     * here, in the backend: a user sees only the incidents of their wards.
     */
    @MessageMapping(Routes.INCIDENTS_LIVE)
    Flux<IncidentView> live() {
        return Callers.require(SERVICE, USER)
                .flatMapMany(caller -> Flux.merge(feed.changes(), incidents.openForScreens().map(Incident::view))
                        .filter(incident -> caller.sees(incident.wardCode())));
    }
}
