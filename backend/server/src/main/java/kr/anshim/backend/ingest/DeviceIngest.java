package kr.anshim.backend.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Routes;
import kr.anshim.api.SignalType;
import kr.anshim.backend.ingest.Rejection.Reason;
import kr.anshim.backend.security.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** The ingest path of one event: validate, then journal; a rejection is counted by reason and answered. */
@Component
class DeviceIngest {

    private final EventValidation validation;
    private final EventJournal journal;
    private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
    private final Map<DeviceFamily, Counter> received = new EnumMap<>(DeviceFamily.class);

    DeviceIngest(EventValidation validation, EventJournal journal, MeterRegistry meters) {
        this.validation = validation;
        this.journal = journal;
        for (Reason reason : Reason.values()) {
            rejected.put(reason, Counter.builder("anshim.ingest.rejected").tag("reason", reason.name())
                    .description("Events refused, by reason").register(meters));
        }
        for (DeviceFamily family : DeviceFamily.values()) {
            received.put(family, Counter.builder("anshim.ingest.events.received").tag("family", family.name())
                    .description("Valid alarm events in, by device family, before they are journalled").register(meters));
        }
    }

    Mono<Ack> accept(byte[] bytes, Caller caller) {
        return journal.ready().then(Mono.defer(() -> {
            EventValidation.Result result = validation.validate(bytes, caller);
            if (result.rejection() != null) {
                rejected.get(result.rejection().reason()).increment();
                return Mono.just(result.rejection().ack());
            }
            if (result.accepted().type() == SignalType.HEARTBEAT) {
                rejected.get(Reason.WRONG_ROUTE).increment();
                return Mono.just(new Rejection(result.accepted().eventId(), Reason.WRONG_ROUTE,
                        "heartbeats go to " + Routes.HEARTBEAT + ", not to the alarm routes").ack());
            }
            received.get(result.accepted().device().family()).increment();
            UUID eventId = result.accepted().eventId();
            return journal.append(result.accepted())
                    .onErrorResume(error -> storageUnavailable(eventId, error));
        }));
    }

    /** A failed commit is answered per event, so a channel goes on and the device resends. */
    private Mono<Ack> storageUnavailable(UUID eventId, Throwable error) {
        rejected.get(Reason.STORAGE_UNAVAILABLE).increment();
        return Mono.just(new Rejection(eventId, Reason.STORAGE_UNAVAILABLE,
                "not stored, resend later: " + error.getMessage()).ack());
    }
}
