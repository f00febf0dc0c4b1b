package kr.anshim.backend.responder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.ResponderView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans responder changes out to every subscriber, each with its own latest-per-responder
 * conflation ({@link LatestPerResponder#onDemand()}), so a slow subscriber never holds the roster back.
 */
final class ResponderChanges {

    private static final Logger log = LoggerFactory.getLogger(ResponderChanges.class);

    private final Sinks.Many<ResponderView> sink = Sinks.many().multicast().directBestEffort();
    private final Counter published;
    private final Counter failed;

    ResponderChanges(MeterRegistry meters) {
        this.published = Counter.builder("anshim.responders.changes").tag("outcome", "published").register(meters);
        this.failed = Counter.builder("anshim.responders.changes").tag("outcome", "failed").register(meters);
        meters.gauge("anshim.responders.subscribers", sink, Sinks.Many::currentSubscriberCount);
    }

    /** The caller serialises calls (the roster's lock), so emissions never race each other. */
    void publish(ResponderView change) {
        Sinks.EmitResult result = sink.tryEmitNext(change);
        if (result.isSuccess() || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            published.increment();
        } else {
            failed.increment();
            log.warn("Responder change {} {} not published: {}", change.id(), change.status(), result);
        }
    }

    Flux<ResponderView> flux() {
        return sink.asFlux().transform(LatestPerResponder.onDemand());
    }
}
