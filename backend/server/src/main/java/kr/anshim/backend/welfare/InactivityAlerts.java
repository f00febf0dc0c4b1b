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
import kr.anshim.backend.pipeline.WardOwner;
import org.springframework.beans.factory.annotation.Value;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final WardOwner owner;
    private final boolean cluster;
    private volatile Disposable loop;

    InactivityAlerts(Enrolments enrolments, WelfareAlerts alerts, WelfareSignals signals, OfficerNotices notices,
                     DeviceRegistry registry, WelfareProperties properties, Clock clock, WardOwner owner,
                     @Value("${anshim.cluster.enabled:false}") boolean cluster) {
        this.enrolments = enrolments;
        this.alerts = alerts;
        this.signals = signals;
        this.notices = notices;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.owner = owner;
        this.cluster = cluster;
    }

    /**
     * Only the owner of a person's ward raises their lapses. In a cluster the owner also reads, at each
     * check, the timers of its people whose activity reached another instance, and all of a ward's
     * timers when it takes the ward over; the store refuses a lapse it no longer agrees with
     * ({@link Enrolments#lapsed}), so a hand-over cannot raise one twice.
     */
    @Override
    public void start() {
        Flux<InactivityWatch.Lapse> lapses = enrolments.watch()
                .lapses(clock, properties.checkEvery(), properties.unansweredAfter(), this::mine);
        Disposable checks = enrolments.ready().then(alerts.ready())
                .thenMany(lapses)
                .concatMap(lapse -> raise(lapse).onErrorResume(error -> notRaised(lapse, error)))
                .subscribe(null, error -> log.error("Inactivity check ended; this is a bug", error));
        loop = cluster ? Disposables.composite(checks, refreshing()) : checks;
    }

    private boolean mine(String householdId) {
        return enrolments.of(householdId).map(e -> owner.owns(e.wardCode())).orElse(false);
    }

    private Mono<Incident> notRaised(InactivityWatch.Lapse lapse, Throwable error) {
        if (error instanceof Enrolments.StaleLapse) {
            log.info("Inactivity of {} (level {}) no longer due in the store; its timer is read again", lapse.householdId(), lapse.level());
            return enrolments.refresh(lapse.householdId()).onErrorResume(again -> Mono.empty()).then(Mono.empty());
        }
        log.warn("Inactivity of {} not recorded, raised again at the next check: {}", lapse.householdId(), error.toString());
        enrolments.watch().retry(lapse);
        return Mono.empty();
    }

    /** Cluster: at each check, the timers of owned wards' people who reported since the last read, and of wards newly owned. */
    private Disposable refreshing() {
        Set<String> known = ConcurrentHashMap.newKeySet();
        Instant[] since = {clock.instant()};
        return enrolments.ready()
                .thenMany(Flux.interval(properties.checkEvery(), properties.checkEvery()).onBackpressureDrop())
                .concatMap(tick -> {
                    Instant now = clock.instant();
                    Set<String> owned = owner.ownedWards();
                    Set<String> taken = new HashSet<>(owned);
                    taken.removeAll(known);
                    Set<String> kept = new HashSet<>(owned);
                    kept.removeAll(taken);
                    // overlapping a little: a summary committed just before the last read is read again
                    Instant from = since[0].minus(properties.checkEvery());
                    return enrolments.refresh(taken, null)
                            .then(enrolments.refresh(kept, from))
                            .doOnSuccess(done -> {
                                known.retainAll(owned);
                                known.addAll(owned);
                                since[0] = now;
                            })
                            .onErrorResume(error -> {
                                log.warn("Welfare timers not read again, tried at the next check: {}", error.toString());
                                return Mono.empty();
                            });
                }, 1)
                .subscribe(null, error -> log.error("Welfare timer refresh ended; this is a bug", error));
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
