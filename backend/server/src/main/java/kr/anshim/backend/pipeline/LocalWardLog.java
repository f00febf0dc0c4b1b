package kr.anshim.backend.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.backend.device.DeviceSupervision;
import kr.anshim.backend.device.RegisteredDevice;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Standalone: the log is this instance's memory. Events go straight to the one ward owner, which
 * owns every ward. Backpressure: alarms are never dropped. At most an {@link AdmissionWindow} of
 * events wait (about 400 ms of commits, within {@code max-in-flight}); past that a sender is told
 * {@code OVERLOADED} at once (counted) and its device resends later. Single alarms have a reserve
 * above the window, so a flooding gateway cannot crowd out the one device whose resident pressed the bell.
 */
@Component
@ConditionalOnProperty(name = "anshim.cluster.enabled", havingValue = "false", matchIfMissing = true)
class LocalWardLog implements WardLog {

    /** Places kept for single alarms above the bulk window. */
    static final int RESERVE_FLOOR = 200;

    private final WardOwner owner;
    private final DeviceSupervision supervision;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter overloaded;

    LocalWardLog(WardOwner owner, DeviceSupervision supervision, MeterRegistry meters) {
        this.owner = owner;
        this.supervision = supervision;
        this.overloaded = Counter.builder("anshim.ingest.events").tag("outcome", "overloaded").register(meters);
        meters.gauge("anshim.journal.in.flight", inFlight);
    }

    @Override
    public Mono<Void> ready() {
        return owner.ready();
    }

    @Override
    public boolean saturated(boolean bulk) {
        return inFlight.get() >= admissible(owner.admissionLimit(), bulk);
    }

    @Override
    public int admittedAtOnce() {
        return admissible(owner.admissionLimit(), true);
    }

    @Override
    public Mono<Ack> append(AcceptedEvent event, boolean bulk) {
        return Mono.create(reply -> {
            if (inFlight.incrementAndGet() > admissible(owner.admissionLimit(), bulk)) {
                inFlight.decrementAndGet();
                overloaded.increment();
                reply.success(new Rejection(event.eventId(), Rejection.Reason.OVERLOADED,
                        "the control centre is saturated; resend this event later").ack());
                return;
            }
            owner.submit(event, ack -> {
                inFlight.decrementAndGet();
                reply.success(ack);
            });
        });
    }

    @Override
    public Mono<CommandResult> command(String wardCode, IncidentCommand command, Set<String> callerWards) {
        return owner.command(wardCode, command, callerWards);
    }

    @Override
    public void heard(RegisteredDevice device, Instant at) {
        supervision.heard(device.id(), at);
    }

    static int admissible(int limit, boolean bulk) {
        return bulk ? limit : limit + Math.max(RESERVE_FLOOR, limit / 10);
    }
}
