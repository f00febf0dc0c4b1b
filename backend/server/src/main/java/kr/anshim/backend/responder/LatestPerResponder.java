package kr.anshim.backend.responder;

import kr.anshim.api.ResponderView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The backpressure decision for responder changes: latest wins, per responder. Every change
 * carries the whole responder, so an older change of the same responder is worth nothing once a
 * newer one exists, while a change of another responder must never be lost to it.
 */
final class LatestPerResponder {

    /**
     * More than any roster: each responder needs its own group, and a group beyond flatMap's
     * concurrency would never be drained, stalling every responder. The roster refuses to load more.
     */
    static final int MAX_RESPONDERS = 10_000;

    private LatestPerResponder() {
    }

    /**
     * For any subscriber: passes changes on as soon as there is demand; while there is none it keeps
     * at most the latest change of each responder (plus one already handed to the merge), dropping
     * the older ones. The source is never held back and memory is bounded by the roster size.
     */
    static Function<Flux<ResponderView>, Flux<ResponderView>> onDemand() {
        return changes -> changes
                .groupBy(ResponderView::id)
                .flatMap(Flux::onBackpressureLatest, MAX_RESPONDERS, 1);
    }

    /**
     * For screens: every responder first (the snapshot, read after the changes are subscribed, so
     * none slips between the two), then at most one update per responder each {@code period}, the
     * latest of that period. A slow screen skips periods; what it skipped waits in a map of at most
     * one change per responder and leaves with the next period it takes.
     */
    static Flux<ResponderView> snapshotThenEvery(Flux<ResponderView> changes,
                                                 Supplier<? extends Collection<ResponderView>> snapshot,
                                                 Duration period, Scheduler scheduler) {
        return Flux.defer(() -> {
            Map<String, ResponderView> pending = new ConcurrentHashMap<>();
            Mono<Void> collecting = changes.doOnNext(view -> pending.put(view.id(), view)).then();
            // No prefetch: a tick is taken only when the screen has asked for more; the others are dropped.
            Flux<ResponderView> periodic = Flux.interval(period, period, scheduler)
                    .onBackpressureDrop()
                    .concatMap(tick -> takeEach(pending), 0);
            // takeUntilOther subscribes to `collecting` before the snapshot is read; when the
            // changes end, whatever is pending still goes out.
            return Flux.defer(() -> Flux.fromIterable(snapshot.get()))
                    .concatWith(periodic)
                    .takeUntilOther(collecting)
                    .concatWith(takeEach(pending));
        });
    }

    /**
     * The responders pending now, each taken out of the map only as it is sent, so even a screen
     * that asks one at a time gets the latest; a change put after its removal waits for the next period.
     */
    private static Flux<ResponderView> takeEach(Map<String, ResponderView> pending) {
        return Flux.defer(() -> Flux.fromIterable(List.copyOf(pending.keySet()))).mapNotNull(pending::remove);
    }
}
