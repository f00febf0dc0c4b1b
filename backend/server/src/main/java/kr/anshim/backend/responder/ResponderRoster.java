package kr.anshim.backend.responder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.ResponderPosition;
import kr.anshim.api.ResponderView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static kr.anshim.backend.responder.ResponderStatus.AVAILABLE;
import static kr.anshim.backend.responder.ResponderStatus.DISPATCHED;

/**
 * Every responder's status and last known position, served from memory. A status change is stored
 * first, conditional on the status it was decided from, and only then applied and published; a
 * position is applied and published at once and kept in a short history, never stored.
 * Position reports and status changes are applied under one lock, which is never held across I/O,
 * so each responder's changes are published in the order they happened.
 */
@Component
public class ResponderRoster {

    static final int HISTORY = 50;
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);
    private static final Logger log = LoggerFactory.getLogger(ResponderRoster.class);

    /** What became of one position report. */
    enum Moved { ACCEPTED, STALE, UNKNOWN_RESPONDER }

    private final ResponderStore store;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final PositionHistory history = new PositionHistory(HISTORY);
    private final ResponderChanges changes;
    private final Object lock = new Object();
    private final Mono<Void> ready;

    ResponderRoster(ResponderStore store, List<ResponderSeed> seeds, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        this.meters = meters;
        this.changes = new ResponderChanges(meters);
        for (ResponderStatus status : ResponderStatus.values()) {
            Gauge.builder("anshim.responders", this, roster -> roster.count(status))
                    .description("responders by status").tag("status", status.name()).register(meters);
        }
        // A failed load is not cached: the next caller tries again.
        this.ready = Mono.defer(() -> seeds.isEmpty() ? Mono.<Void>empty() : seedIfEmpty(seeds.get(0)))
                .then(Mono.defer(this::load))
                .cache(done -> FOREVER, error -> Duration.ZERO, () -> FOREVER);
    }

    /** Completes when the roster has been loaded (and seeded, in the demo profile). */
    public Mono<Void> ready() {
        return ready;
    }

    public Optional<ResponderView> find(String id) {
        return Optional.ofNullable(lookup(id)).map(Tracked::view);
    }

    /** Everyone, by id. */
    public List<ResponderView> all() {
        return tracked.values().stream().map(Tracked::view).sorted(Comparator.comparing(ResponderView::id)).toList();
    }

    /** Everyone as held, with the position's measuring time (for the status board). */
    java.util.Collection<Tracked> tracked() {
        return List.copyOf(tracked.values());
    }

    /**
     * Every change from now on. A subscriber without demand misses nothing that matters: it is
     * handed the latest change of each responder when it asks again ({@link LatestPerResponder#onDemand()}).
     * Subscribers must not block: changes are delivered on the thread that made them.
     */
    public Flux<ResponderView> changes() {
        return changes.flux();
    }

    /** The last positions reported for a responder, oldest first, at most {@value #HISTORY}. */
    public List<ResponderPosition> history(String responderId) {
        return history.recent(responderId);
    }

    /**
     * AVAILABLE to DISPATCHED for the given incident. Fails with {@link ResponderChangeRefused}
     * (UNKNOWN_RESPONDER, NOT_AVAILABLE or STORAGE_UNAVAILABLE) and changes nothing if it cannot.
     */
    public Mono<ResponderView> assign(String responderId, UUID incidentId) {
        if (incidentId == null) {
            return Mono.error(new IllegalArgumentException("an assignment needs an incident id"));
        }
        return ready.then(Mono.defer(() -> {
            Tracked current = lookup(responderId);
            if (current == null) {
                return Mono.<ResponderView>error(ResponderChangeRefused.unknownResponder(responderId));
            }
            if (current.status() != AVAILABLE) {
                return Mono.<ResponderView>error(ResponderChangeRefused.notAvailable(current));
            }
            return change(current, DISPATCHED, incidentId);
        })).transform(this::counted);
    }

    /**
     * A legal status change (see {@link ResponderStatus#canBecome}); DISPATCHED only through
     * {@link #assign}. The incident stays attached until the responder is AVAILABLE or OFF_DUTY.
     * Fails with {@link ResponderChangeRefused} and changes nothing if it cannot.
     */
    public Mono<ResponderView> updateStatus(String responderId, String status) {
        return ready.then(Mono.defer(() -> {
            Tracked current = lookup(responderId);
            if (current == null) {
                return Mono.<ResponderView>error(ResponderChangeRefused.unknownResponder(responderId));
            }
            ResponderStatus next = parse(status);
            if (next == null) {
                return Mono.<ResponderView>error(ResponderChangeRefused.unknownStatus(status));
            }
            if (next == DISPATCHED || !current.status().canBecome(next)) {
                return Mono.<ResponderView>error(ResponderChangeRefused.illegal(current, next));
            }
            return change(current, next, next.onCall() ? current.incidentId() : null);
        })).transform(this::counted);
    }

    /** Applies a checked position report; reports measured before the last accepted one are stale. */
    Moved move(ResponderPosition position) {
        synchronized (lock) {
            Tracked current = lookup(position.responderId());
            if (current == null) {
                return Moved.UNKNOWN_RESPONDER;
            }
            if (current.reportedAt() != null && position.at().isBefore(current.reportedAt())) {
                return Moved.STALE;
            }
            Tracked next = current.movedTo(position.latitude(), position.longitude(), position.at(), clock.instant());
            tracked.put(next.id(), next);
            history.record(position);
            changes.publish(next.view());
            return Moved.ACCEPTED;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadAtStartUp() {
        ready.subscribe(null, error -> log.warn("Could not load the responder roster yet; will retry on first use", error));
    }

    private Mono<ResponderView> change(Tracked current, ResponderStatus next, UUID incidentId) {
        Instant at = clock.instant();
        return store.changeStatus(current.id(), current.status(), next, incidentId, at)
                .onErrorMap(error -> ResponderChangeRefused.notStored(current, next, error))
                .flatMap(changed -> changed
                        ? Mono.just(applyStatus(current.id(), next, incidentId, at))
                        : Mono.error(ResponderChangeRefused.changedMeanwhile(current, next)));
    }

    private ResponderView applyStatus(String id, ResponderStatus status, UUID incidentId, Instant at) {
        synchronized (lock) {
            Tracked next = tracked.get(id).withStatus(status, incidentId, at);
            tracked.put(id, next);
            changes.publish(next.view());
            return next.view();
        }
    }

    private Mono<ResponderView> counted(Mono<ResponderView> change) {
        return change
                .doOnNext(view -> statusChanges("changed"))
                .doOnError(ResponderChangeRefused.class, refused -> statusChanges(refused.reason().name()));
    }

    private void statusChanges(String outcome) {
        meters.counter("anshim.responders.status.changes", "outcome", outcome).increment();
    }

    private Mono<Void> seedIfEmpty(ResponderSeed seed) {
        return store.count().filter(count -> count == 0).flatMap(count -> seed.seed(store));
    }

    private Mono<Void> load() {
        return store.loadAll(clock.instant()).collectList().doOnNext(list -> {
            if (list.size() > LatestPerResponder.MAX_RESPONDERS) {
                throw new IllegalStateException("the roster has " + list.size() + " responders; at most "
                        + LatestPerResponder.MAX_RESPONDERS + " are supported");
            }
            synchronized (lock) {
                tracked.clear();
                list.forEach(t -> tracked.put(t.id(), t));
            }
            log.info("Responder roster loaded: {} responders", list.size());
        }).then();
    }

    private Tracked lookup(String id) {
        return id == null ? null : tracked.get(id);
    }

    private int count(ResponderStatus status) {
        return (int) tracked.values().stream().filter(t -> t.status() == status).count();
    }

    private static ResponderStatus parse(String status) {
        try {
            return status == null ? null : ResponderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
