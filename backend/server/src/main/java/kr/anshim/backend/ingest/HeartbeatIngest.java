package kr.anshim.backend.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.SignalType;
import kr.anshim.backend.device.DeviceSupervision;
import kr.anshim.backend.security.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;


/**
 * Heartbeats are validated like any event but not journalled one by one: the latest per device is
 * kept in memory (coalesced) for supervision, stamped with the control centre's clock, not the
 * device's. An alarm sent to the heartbeat route by mistake is not lost: it goes to the journal.
 */
@Component
class HeartbeatIngest {

    private final EventValidation validation;
    private final DeviceSupervision supervision;
    private final EventJournal journal;
    private final Counter accepted;
    private final Counter misrouted;
    private final Counter rejected;

    HeartbeatIngest(EventValidation validation, DeviceSupervision supervision, EventJournal journal,
                    MeterRegistry meters) {
        this.validation = validation;
        this.supervision = supervision;
        this.journal = journal;
        this.misrouted = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "alarm_on_heartbeat_route").register(meters);
        this.accepted = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "accepted").register(meters);
        this.rejected = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "rejected").register(meters);
    }

    Mono<Void> accept(byte[] bytes, Caller caller) {
        EventValidation.Result result = validation.validate(bytes, caller);
        if (result.rejection() != null) {
            rejected.increment();
            return Mono.empty();
        }
        if (result.accepted().type() != SignalType.HEARTBEAT) {
            misrouted.increment();
            return journal.append(result.accepted()).onErrorResume(error -> Mono.empty()).then();
        }
        supervision.heard(result.accepted().device().id(), result.accepted().receivedAt());
        accepted.increment();
        return Mono.empty();
    }
}
