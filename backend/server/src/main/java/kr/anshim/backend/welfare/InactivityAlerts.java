package kr.anshim.backend.welfare;

import kr.anshim.api.SignalType;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns lapsed timers into incidents: at the threshold an INACTIVITY signal (MEDIUM: not an emergency
 * by default), a further day unanswered an INACTIVITY_UNANSWERED one, which steps the same incident up
 * to HIGH. The alert row, the person's alert level and the officer's notice are stored in the
 * incident's transaction; a lapse that could not be stored is raised again at the next check.
 */
@Component
class InactivityAlerts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InactivityAlerts.class);

    private final Enrolments enrolments;
    private final WelfareAlerts alerts;
    private final WelfareSignals signals;
    private final OfficerNotices notices;
    private final DeviceRegistry registry;
    private final WelfareProperties properties;
    private final Clock clock;
    private volatile Disposable loop;

    InactivityAlerts(Enrolments enrolments, WelfareAlerts alerts, WelfareSignals signals, OfficerNotices notices,
                     DeviceRegistry registry, WelfareProperties properties, Clock clock) {
        this.enrolments = enrolments;
        this.alerts = alerts;
        this.signals = signals;
        this.notices = notices;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        loop = enrolments.ready().then(alerts.ready())
                .thenMany(enrolments.watch().lapses(clock, properties.checkEvery(), properties.unansweredAfter()))
                .concatMap(lapse -> raise(lapse).onErrorResume(error -> {
                    log.warn("Inactivity of {} not recorded, raised again at the next check: {}", lapse.householdId(), error.toString());
                    enrolments.watch().retry(lapse);
                    return Mono.empty();
                }))
                .subscribe(null, error -> log.error("Inactivity check ended; this is a bug", error));
    }

    Mono<Incident> raise(InactivityWatch.Lapse lapse) {
        Optional<Enrolment> person = enrolments.of(lapse.householdId());
        Optional<RegisteredDevice> device = person.flatMap(p -> registry.find(p.deviceId()));
        if (person.isEmpty() || device.isEmpty()) {
            return Mono.empty();
        }
        Enrolment p = person.get();
        RegisteredDevice d = device.get();
        SignalType type = lapse.level() == 1 ? SignalType.INACTIVITY : SignalType.INACTIVITY_UNANSWERED;
        Signal signal = new Signal(UUID.randomUUID(), d.id(), d.family(), type, lapse.detectedAt(), p.householdId(),
                p.wardCode(), d.latitude(), d.longitude(), d.protectedPerson());
        return signals.raise(signal, incident -> enrolments.lapsed(lapse)
                        .then(alerts.record(new WelfareAlerts.Owner(incident.id(), "INACTIVITY", p.householdId(), p.wardCode(),
                                p.officer(), lapse.dueAt()), lapse.detectedAt()))
                        .then(notices.inactivity(p, incident.id(), lapse.level(), lapse.since(), lapse.detectedAt())))
                .doOnNext(incident -> log.info("Inactivity of {} (level {}, since {}): incident {}", p.householdId(),
                        lapse.level(), lapse.since(), incident.id()));
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
