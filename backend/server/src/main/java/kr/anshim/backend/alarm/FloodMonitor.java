package kr.anshim.backend.alarm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.FloodState;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.livefeed.LiveFeed;
import kr.anshim.backend.pipeline.WardOwner;
import kr.anshim.backend.storage.ScreenDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each ward console's flood state, live: every incident the live feed shows opening or reopening
 * (a state NEW of an incident not open before) is presented to its ward's {@link FloodTracker};
 * a tick every {@code anshim.alarm.flood-tick} lets presentations drop out of the window between
 * alarms. Entering and leaving is recorded in {@code alarm_flood} and the alarm audit, at the exact
 * instants the tracker computes, and exposed as the gauge {@code anshim.alarm.flood}.
 * <p>
 * Incidents open when the monitor starts are known as open (read once), so a restart does not
 * present them again. The stored audit trail stays the truth for the reports ({@link AlarmLoadReports});
 * this is the console's live view of it.
 */
@Component
public class FloodMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FloodMonitor.class);
    static final int RECORD_BUFFER = 1_000;

    private record Recorded(String wardCode, FloodTracker.Change change) {
    }

    private final LiveFeed feed;
    private final IncidentStore incidents;
    private final AlarmAudit audit;
    private final DatabaseClient db;
    private final Clock clock;
    private final Duration tick;
    private final WardOwner owner;
    private final Map<String, FloodTracker> trackers = new HashMap<>();
    private final Map<UUID, String> open = new ConcurrentHashMap<>();
    private final Map<String, Counter> presented = new HashMap<>();
    private final Counter unrecorded;
    private volatile Disposable running;

    FloodMonitor(LiveFeed feed, IncidentStore incidents, AlarmAudit audit, ScreenDatabase screens, Clock clock,
                 MeterRegistry meters, @Value("${anshim.alarm.flood-tick:PT5S}") Duration tick, WardOwner owner) {
        this.owner = owner;
        this.feed = feed;
        this.incidents = incidents;
        this.audit = audit;
        this.db = screens.client();
        this.clock = clock;
        this.tick = tick;
        for (Ward ward : Wards.seoul().all()) {
            FloodTracker tracker = new FloodTracker();
            trackers.put(ward.code(), tracker);
            Gauge.builder("anshim.alarm.flood", this, m -> m.state(ward.code()).flood() ? 1 : 0)
                    .tag("ward", ward.code()).description("1 while the ward's console is in flood (over 10 in 10 min, until under 5)")
                    .register(meters);
            Gauge.builder("anshim.alarm.window", this, m -> m.state(ward.code()).last10Minutes())
                    .tag("ward", ward.code()).description("Incidents presented to the ward's console in the last 10 minutes")
                    .register(meters);
            presented.put(ward.code(), Counter.builder("anshim.alarm.presented").tag("ward", ward.code())
                    .description("Incidents presented (opened or reopened) to the ward's console").register(meters));
        }
        this.unrecorded = Counter.builder("anshim.alarm.flood.unrecorded")
                .description("Flood changes not recorded because the record buffer was full or the database refused")
                .register(meters);
    }

    /** The flood state of these wards now. */
    public synchronized List<FloodState> states(Collection<String> wards) {
        List<FloodState> states = new ArrayList<>();
        for (String ward : wards) {
            if (trackers.containsKey(ward)) {
                states.add(state(ward));
            }
        }
        return states;
    }

    synchronized FloodState state(String ward) {
        // as of the last tick (every few seconds): advancing here would lose the changes it causes
        FloodTracker tracker = trackers.get(ward);
        return new FloodState(ward, tracker.flood(), tracker.since(), tracker.count());
    }

    /** Observes one change of the live feed; returns the flood changes it caused. */
    synchronized List<Recorded> observe(IncidentView change) {
        FloodTracker tracker = trackers.get(change.wardCode());
        if (tracker == null) {
            return List.of();
        }
        if (change.status().isClosed()) {
            open.remove(change.id());
            return List.of();
        }
        if (open.put(change.id(), change.status().name()) != null || change.status() != kr.anshim.api.IncidentStatus.NEW) {
            return List.of();
        }
        presented.get(change.wardCode()).increment();
        return tracker.presented(clock.instant()).stream().map(c -> new Recorded(change.wardCode(), c)).toList();
    }

    /** Lets time pass for every ward: floods end when presentations drop out. */
    synchronized List<Recorded> tick() {
        Instant now = clock.instant();
        List<Recorded> changes = new ArrayList<>();
        trackers.forEach((ward, tracker) -> tracker.advance(now).forEach(c -> changes.add(new Recorded(ward, c))));
        return changes;
    }

    /**
     * Records a flood change once per ward: every instance tracks every ward's flood (its screens show
     * it), but only the ward's owner writes it, and the store keeps one open flood per ward (a new
     * owner ends the flood its predecessor began), so a hand-over cannot record it twice.
     */
    private Mono<Void> record(Recorded recorded) {
        FloodTracker.Change change = recorded.change();
        String ward = recorded.wardCode();
        if (!owner.owns(ward)) {
            return Mono.empty();
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(change.at(), ZoneOffset.UTC);
        Mono<Long> row = change.entered()
                ? db.sql("""
                        insert into alarm_flood (id, ward_code, started_at, peak_10_min)
                        select $1, $2, $3, $4 where not exists (select 1 from alarm_flood where ward_code = $2 and ended_at is null)""")
                .bind(0, UUID.randomUUID()).bind(1, ward).bind(2, at).bind(3, change.peak()).fetch().rowsUpdated()
                : db.sql("update alarm_flood set ended_at = $2, peak_10_min = greatest(peak_10_min, $3) where ward_code = $1 and ended_at is null")
                .bind(0, ward).bind(1, at).bind(2, change.peak()).fetch().rowsUpdated();
        String action = change.entered() ? "FLOOD_ENTERED" : "FLOOD_LEFT";
        return row.filter(rows -> rows > 0).flatMap(rows -> audit.append(change.at(), "system", action, ward, null,
                        "presented in the last 10 minutes: " + change.count() + ", peak " + change.peak()))
                .onErrorResume(error -> {
                    unrecorded.increment();
                    log.warn("{} of ward {} not recorded: {}", action, ward, error.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void start() {
        Flux<Recorded> changes = feed.changes().concatMapIterable(this::observe);
        Flux<Recorded> ticks = Flux.interval(tick, tick, Schedulers.parallel()).onBackpressureDrop()
                .concatMapIterable(t -> tick());
        Disposable seeded = incidents.openForScreens()
                .doOnNext(incident -> open.putIfAbsent(incident.id(), incident.status().name()))
                .onErrorResume(error -> {
                    log.warn("Open incidents not read for the flood monitor; they may count as presented again: {}", error.toString());
                    return Mono.empty();
                })
                .subscribe();
        Disposable recording = Flux.merge(changes, ticks)
                // flood changes are rare: bounded, and one not recorded is counted, never blocks the feed
                .onBackpressureBuffer(RECORD_BUFFER, dropped -> unrecorded.increment())
                .concatMap(this::record)
                .subscribe(null, error -> log.error("Flood monitor ended; this is a bug", error));
        running = Disposables.composite(seeded, recording);
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

    /** Incident ids the monitor holds as open (for tests). */
    Set<UUID> knownOpen() {
        return Set.copyOf(open.keySet());
    }
}
