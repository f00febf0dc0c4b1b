package kr.anshim.backend.ingest;

import kr.anshim.api.Ack;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.DeviceSupervision;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.pipeline.AcceptedEvent;
import kr.anshim.backend.pipeline.WardLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Turns device silences into signals that go through the journal like any alarm: a silent device
 * raises a DEVICE_OFFLINE incident, and a protected person's bell or door lock a PROTECTION_GAP,
 * which ranks high because their protection has a gap.
 */
@Component
class SupervisionLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SupervisionLoop.class);

    private final DeviceSupervision supervision;
    private final DeviceRegistry registry;
    private final WardLog wardLog;
    private final Clock clock;
    private final Duration every;
    private final Duration timeout;
    private volatile Disposable loop;

    SupervisionLoop(DeviceSupervision supervision, DeviceRegistry registry, WardLog wardLog, Clock clock,
                    @Value("${anshim.supervision.check-every:PT10S}") Duration every,
                    @Value("${anshim.supervision.heartbeat-interval:PT30S}") Duration heartbeatInterval,
                    @Value("${anshim.supervision.missed-heartbeats:3}") int missed) {
        this.supervision = supervision;
        this.registry = registry;
        this.wardLog = wardLog;
        this.clock = clock;
        this.every = every;
        this.timeout = heartbeatInterval.multipliedBy(missed);
    }

    @Override
    public void start() {
        loop = supervision.silences(clock, every, timeout)
                .concatMap(silence -> registry.find(silence.deviceId())
                        .filter(device -> !device.revoked())
                        .map(device -> record(device, silence))
                        .orElse(Mono.empty()))
                .subscribe(null, error -> log.error("Supervision loop ended; this is a bug", error));
    }

    /** Not stored (overloaded or storage down): forget we reported it, so the next sweep tries again. */
    private Mono<Void> record(RegisteredDevice device, DeviceSupervision.Silence silence) {
        return wardLog.append(signal(device, silence), false)
                .onErrorResume(error -> Mono.just(Ack.rejected(null, "STORAGE_UNAVAILABLE", error.getMessage())))
                .doOnNext(ack -> {
                    if (ack.durable()) {
                        log.info("Device {} silent since {}: recorded", device.id(), silence.lastSeen());
                    } else {
                        supervision.retry(device.id());
                    }
                })
                .then();
    }

    private AcceptedEvent signal(RegisteredDevice device, DeviceSupervision.Silence silence) {
        SignalType type = device.protectedPerson()
                && (device.family() == DeviceFamily.EMERGENCY_BELL || device.family() == DeviceFamily.DOOR_LOCK)
                ? SignalType.PROTECTION_GAP : SignalType.DEVICE_OFFLINE;
        String payload = "{\"lastSeenAt\":\"" + silence.lastSeen() + "\",\"silentSeconds\":"
                + Duration.between(silence.lastSeen(), silence.detectedAt()).toSeconds() + "}";
        return new AcceptedEvent(UUID.randomUUID(), device, type, silence.detectedAt(), silence.detectedAt(), payload);
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
