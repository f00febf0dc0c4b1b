package kr.anshim.backend.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.SignalType;
import kr.anshim.backend.pipeline.AcceptedEvent;
import kr.anshim.backend.pipeline.WardLog;
import kr.anshim.backend.security.Caller;
import org.springframework.stereotype.Component;
import kr.anshim.api.Routes;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;


/**
 * Heartbeats are validated like any event but not journalled one by one: the latest per device is
 * kept in memory (coalesced) for supervision, stamped with the control centre's clock, not the
 * device's. An alarm sent to the heartbeat route by mistake is not lost: it goes to the wardLog.
 */
@Component
class HeartbeatIngest {

    private final EventValidation validation;
    private final WardLog wardLog;
    private final Counter accepted;
    private final Counter misrouted;
    private final Counter rejected;
    private final Counter lost;
    private static final int MISROUTED_ATTEMPTS = 10;
    private static final java.util.Set<String> RETRIED = java.util.Set.of(
            kr.anshim.backend.pipeline.Rejection.Reason.OVERLOADED.name(),
            kr.anshim.backend.pipeline.Rejection.Reason.STORAGE_UNAVAILABLE.name());
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HeartbeatIngest.class);

    HeartbeatIngest(EventValidation validation, WardLog wardLog,
                    MeterRegistry meters) {
        this.validation = validation;
        this.wardLog = wardLog;
        this.misrouted = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "alarm_on_heartbeat_route").register(meters);
        this.accepted = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "accepted").register(meters);
        this.rejected = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "rejected").register(meters);
        this.lost = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "alarm_on_heartbeat_route_not_stored").register(meters);
    }

    Mono<Void> accept(byte[] bytes, Caller caller, ConnectionBudget budget) {
        return accept(bytes, caller);
    }

    Mono<Void> accept(byte[] bytes, Caller caller) {
        EventValidation.Result result = validation.validate(bytes, caller);
        if (result.rejection() != null) {
            rejected.increment();
            return Mono.empty();
        }
        if (result.accepted().type() != SignalType.HEARTBEAT) {
            misrouted.increment();
            return journalMisrouted(result.accepted());
        }
        wardLog.heard(result.accepted().device(), result.accepted().receivedAt());
        accepted.increment();
        return Mono.empty();
    }

    /**
     * Fire-and-forget has no answer to carry {@code OVERLOADED} back, so the device cannot resend:
     * the backend keeps trying for a bounded time, and counts an alarm it could still not store.
     */
    private Mono<Void> journalMisrouted(AcceptedEvent event) {
        Mono.defer(() -> wardLog.append(event, false))
                .flatMap(ack -> ack.durable() || !RETRIED.contains(ack.reason()) ? Mono.just(ack)
                        : Mono.error(new IllegalStateException(ack.reason())))
                .retryWhen(Retry.backoff(MISROUTED_ATTEMPTS, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .subscribe(ack -> { }, error -> {
                    lost.increment();
                    log.warn("An alarm sent on {} by device {} could not be stored after {} attempts",
                            Routes.HEARTBEAT, event.device().id(), MISROUTED_ATTEMPTS + 1);
                });
        return Mono.empty();
    }
}
