package kr.anshim.backend.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.SignalType;
import kr.anshim.backend.device.DeviceSupervision;
import kr.anshim.backend.security.Caller;
import org.springframework.stereotype.Component;


/**
 * Heartbeats are validated like any event but not journalled one by one: the latest per device is
 * kept in memory (coalesced) for supervision. Losing some on a crash only delays an offline alarm.
 */
@Component
class HeartbeatIngest {

    private final EventValidation validation;
    private final DeviceSupervision supervision;
    private final Counter accepted;
    private final Counter rejected;

    HeartbeatIngest(EventValidation validation, DeviceSupervision supervision, MeterRegistry meters) {
        this.validation = validation;
        this.supervision = supervision;
        this.accepted = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "accepted").register(meters);
        this.rejected = Counter.builder("anshim.ingest.heartbeats").tag("outcome", "rejected").register(meters);
    }

    boolean accept(byte[] bytes, Caller caller) {
        EventValidation.Result result = validation.validate(bytes, caller);
        if (result.rejection() != null || result.accepted().type() != SignalType.HEARTBEAT) {
            rejected.increment();
            return false;
        }
        supervision.heard(result.accepted().device().id(), result.accepted().occurredAt());
        accepted.increment();
        return true;
    }
}
