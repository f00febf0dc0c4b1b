package kr.anshim.backend.livefeed;

import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.IncidentLifecycle;
import kr.anshim.backend.security.Callers;
import kr.anshim.backend.security.ScreenViews;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * Screens subscribe here: a snapshot of the open incidents taken at one point, a marker, then only
 * what changed after it (see {@link LiveFrame} for the frames).
 */
@Controller
public class LiveFeedRoutes {

    private final IncidentStore incidents;
    private final LiveFeed feed;
    private final List<QueueHold> holds;
    private final IncidentLifecycle lifecycle;
    private final Clock clock;

    LiveFeedRoutes(IncidentStore incidents, LiveFeed feed, List<QueueHold> holds, IncidentLifecycle lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.incidents = incidents;
        this.feed = feed;
        this.holds = List.copyOf(holds);
    }

    /** Held out of the active set (shelved), by any hold. */
    private boolean held(IncidentView incident) {
        return holds.stream().anyMatch(hold -> hold.holds(incident));
    }

    /**
     * The change listener is registered first, so nothing committed after the snapshot is missed;
     * the snapshot is then read to the end at once ({@code collectList}: bounded by the open
     * incidents), so the database connection goes back to the pool whatever pace the screen reads
     * at. Ward scoping and the police mask (a protected person's position coarsened to a grid
     * cell until police accept the hand-off) are applied here, with what the caller may do next, in the backend, to the snapshot and
     * to the changes alike.
     */
    @MessageMapping(Routes.INCIDENTS_LIVE)
    Flux<LiveFrame> live() {
        return Callers.require(USER)
                .flatMapMany(caller -> Flux.defer(() -> {
                    ConflatingBuffer<UUID, IncidentView> changes = feed.listen(incident -> caller.sees(incident.wardCode()));
                    Mono<List<IncidentView>> snapshot = incidents.openForScreens().map(Incident::view)
                            .filter(incident -> caller.sees(incident.wardCode()) && !held(incident))
                            .map(incident -> ScreenViews.forCaller(caller, incident, lifecycle, clock.instant()))
                            .collectList();
                    return snapshot.flatMapMany(open -> frames(open, changes.flux().map(incident -> ScreenViews.forCaller(caller, incident, lifecycle, clock.instant())), this::held))
                            .doFinally(signal -> changes.dispose());
                }));
    }

    /**
     * BEGIN, the snapshot, MARKER, then each change newer than the state already sent for its
     * incident: a change that was buffered while the snapshot was read, and that the snapshot
     * already holds (or holds newer), is not sent again.
     */
    public static Flux<LiveFrame> frames(List<IncidentView> snapshot, Flux<IncidentView> changes) {
        return frames(snapshot, changes, incident -> false);
    }

    /**
     * As above; an incident {@code held} (shelved) when its change is read is removed from the screen
     * with a tombstone, whatever its version, if the screen holds it; once no longer held, the next
     * publication of it (the one that ends the hold) brings it back.
     */
    static Flux<LiveFrame> frames(List<IncidentView> snapshot, Flux<IncidentView> changes, Predicate<IncidentView> held) {
        Map<UUID, Long> sent = new HashMap<>();
        snapshot.forEach(incident -> sent.put(incident.id(), incident.version()));
        Flux<LiveFrame> after = changes.handle((change, sink) -> {
            Long known = sent.get(change.id());
            if (held.test(change)) {
                if (known != null) {
                    sent.remove(change.id());
                    sink.next(new LiveFrame(LiveFrame.Type.TOMBSTONE, change));
                }
                return;
            }
            if (known != null && change.version() <= known) {
                return;
            }
            if (change.status().isClosed()) {
                sent.remove(change.id());
            } else {
                sent.put(change.id(), change.version());
            }
            sink.next(LiveFrame.change(change));
        });
        return Flux.concat(Mono.just(LiveFrame.begin()), Flux.fromIterable(snapshot).map(LiveFrame::snapshot),
                Mono.just(LiveFrame.marker()), after);
    }
}
