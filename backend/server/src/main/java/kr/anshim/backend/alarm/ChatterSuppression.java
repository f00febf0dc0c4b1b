package kr.anshim.backend.alarm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.SuppressedDevice;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.livefeed.LiveFeed;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.storage.ScreenDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Chatter suppression, automatic and separate from an operator's shelving: the live feed's changes
 * tell how many signals each incident gained; those of a single-device incident are its device's,
 * fed to a {@link ChatterSuppressor}. The correlator already folds a household's signals within 10
 * minutes into one incident; suppression records that the device chatters, counts its repeats
 * ({@code alarm_suppression}, the gauge {@code anshim.alarm.suppressed}) and audits when it starts
 * and ends. Incidents with several devices are not attributed to one and are left out.
 */
@Component
class ChatterSuppression implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChatterSuppression.class);
    static final int RECORD_BUFFER = 1_000;

    private record Active(UUID id, String wardCode, ChatterSuppressor.Event started) {
    }

    private final LiveFeed feed;
    private final Correlator correlator;
    private final AlarmAudit audit;
    private final DatabaseClient db;
    private final Clock clock;
    private final Duration tick;
    private final ChatterSuppressor suppressor = new ChatterSuppressor();
    private final Map<UUID, Integer> signals = new HashMap<>();
    private final Map<String, Active> active = new HashMap<>();
    private final Counter unrecorded;
    private volatile Disposable running;

    ChatterSuppression(LiveFeed feed, Correlator correlator, AlarmAudit audit, ScreenDatabase screens, Clock clock,
                       MeterRegistry meters, @Value("${anshim.alarm.flood-tick:PT5S}") Duration tick) {
        this.feed = feed;
        this.correlator = correlator;
        this.audit = audit;
        this.db = screens.client();
        this.clock = clock;
        this.tick = tick;
        meters.gauge("anshim.alarm.suppressed", this, s -> s.count());
        this.unrecorded = Counter.builder("anshim.alarm.suppression.unrecorded")
                .description("Suppressions not recorded because the record buffer was full or the database refused")
                .register(meters);
    }

    synchronized List<SuppressedDevice> suppressed(Caller caller) {
        return active.values().stream().filter(a -> caller.sees(a.wardCode()))
                .map(a -> new SuppressedDevice(a.started().deviceId(), a.started().incidentId(), a.wardCode(),
                        a.started().at(), suppressor.repeats(a.started().deviceId())))
                .sorted(Comparator.comparing(SuppressedDevice::since)).toList();
    }

    private synchronized int count() {
        return active.size();
    }

    synchronized List<ChatterSuppressor.Event> observe(IncidentView change) {
        if (change.status().isClosed()) {
            signals.remove(change.id());
            return List.of();
        }
        Integer before = signals.put(change.id(), change.signals());
        int gained = change.signals() - (before == null ? 0 : before);
        if (gained <= 0) {
            return List.of();
        }
        return correlator.openIncident(change.id()).map(Incident::deviceIds).filter(devices -> devices.size() == 1)
                .map(devices -> suppressor.signalled(devices.iterator().next(), change.id(), clock.instant(), gained))
                .orElse(List.of());
    }

    synchronized List<ChatterSuppressor.Event> tick() {
        return suppressor.advance(clock.instant());
    }

    private Mono<Void> record(ChatterSuppressor.Event event) {
        OffsetDateTime at = OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC);
        Mono<Void> row;
        String ward;
        if (event.suppressed()) {
            ward = correlator.openIncident(event.incidentId()).map(Incident::wardCode).orElse(null);
            if (ward == null) {
                return Mono.empty();
            }
            Active started = new Active(UUID.randomUUID(), ward, event);
            synchronized (this) {
                active.put(event.deviceId(), started);
            }
            row = db.sql("insert into alarm_suppression (id, device_id, incident_id, ward_code, started_at, repeats) values ($1, $2, $3, $4, $5, $6)")
                    .bind(0, started.id()).bind(1, event.deviceId()).bind(2, event.incidentId()).bind(3, ward)
                    .bind(4, at).bind(5, event.repeats()).then();
        } else {
            Active started;
            synchronized (this) {
                started = active.remove(event.deviceId());
            }
            if (started == null) {
                return Mono.empty();
            }
            ward = started.wardCode();
            row = db.sql("update alarm_suppression set ended_at = $2, repeats = $3 where id = $1")
                    .bind(0, started.id()).bind(1, at).bind(2, event.repeats()).then();
        }
        String action = event.suppressed() ? "CHATTER_SUPPRESSED" : "CHATTER_RELEASED";
        return row.then(audit.append(event.at(), "system", action, ward, event.deviceId(),
                        "incident " + event.incidentId() + ", repeats " + event.repeats()))
                .onErrorResume(error -> {
                    unrecorded.increment();
                    log.warn("{} of {} not recorded: {}", action, event.deviceId(), error.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void start() {
        Flux<ChatterSuppressor.Event> changes = feed.changes().concatMapIterable(this::observe);
        Flux<ChatterSuppressor.Event> ticks = Flux.interval(tick, tick, Schedulers.parallel()).onBackpressureDrop()
                .concatMapIterable(t -> tick());
        running = Flux.merge(changes, ticks)
                .onBackpressureBuffer(RECORD_BUFFER, dropped -> unrecorded.increment())
                .concatMap(this::record)
                .subscribe(null, error -> log.error("Chatter suppression ended; this is a bug", error));
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
