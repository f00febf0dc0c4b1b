package kr.anshim.backend.alarm;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.ShelveRequest;
import kr.anshim.api.ShelveResult;
import kr.anshim.api.ShelvedItem;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.livefeed.LiveFeed;
import kr.anshim.backend.livefeed.QueueHold;
import kr.anshim.backend.pipeline.WardOwner;
import kr.anshim.backend.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shelved incidents and devices (OPC UA Part 9's timed shelving): held out of the screens' active
 * set ({@link QueueHold}) until unshelved or until their time runs out, which a timer on Reactor's
 * scheduler ends by itself. An incident that becomes CRITICAL, or closes, leaves the shelf at once.
 * Every shelve, refusal, unshelve, expiry and return is in the alarm audit. The shelf is read back
 * from {@code alarm_shelf} at start; what ran out meanwhile expires then.
 * <p>
 * In a cluster only the owner of an item's ward expires it (an instance that does not own the ward
 * lets it go when its time runs out, and leaves the store to the owner), and
 * every instance reads the shelf again every {@code sync}, so an item shelved or ended through another
 * instance is held or let go here too, and a ward's new owner expires what its old owner left. The
 * store ends an item once ({@code ended_at is null}), so a hand-over cannot expire it twice.
 */
@Component
class Shelf implements QueueHold, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Shelf.class);
    static final int RETURN_BUFFER = 1_000;

    private final ShelfStore store;
    private final AlarmAudit audit;
    private final Correlator correlator;
    private final DeviceRegistry devices;
    private final LiveFeed feed;
    private final Clock clock;
    private final Duration max;
    private final MeterRegistry meters;
    private final WardOwner owner;
    private final IncidentStore incidents;
    private final boolean cluster;
    private final Duration sync;
    private final Scheduler timers = Schedulers.parallel();
    private final Map<UUID, ShelvedItem> items = new ConcurrentHashMap<>();
    private final Map<String, ShelvedItem> byTarget = new ConcurrentHashMap<>();
    private final Map<UUID, Disposable> expiries = new ConcurrentHashMap<>();
    private volatile Disposable watching;

    Shelf(ShelfStore store, AlarmAudit audit, Correlator correlator, DeviceRegistry devices, LiveFeed feed,
          Clock clock, ShelvingProperties properties, MeterRegistry meters, WardOwner owner,
          IncidentStore incidents, @Value("${anshim.cluster.enabled:false}") boolean cluster) {
        this.incidents = incidents;
        this.owner = owner;
        this.cluster = cluster;
        this.sync = properties.sync();
        this.store = store;
        this.audit = audit;
        this.correlator = correlator;
        this.devices = devices;
        this.feed = feed;
        this.clock = clock;
        this.max = properties.max();
        this.meters = meters;
        meters.gauge("anshim.alarm.shelved", items, Map::size);
    }

    Mono<ShelveResult> shelve(Caller caller, ShelveRequest request) {
        return Mono.defer(() -> {
            Duration duration = ShelvingRules.request(caller, request, max);
            Mono<String> ward = switch (request.target()) {
                case INCIDENT -> checkedIncident(caller, request.targetId()).map(Incident::wardCode);
                case DEVICE -> Mono.just(checkedDevice(caller, request.targetId()).wardCode());
            };
            return ward.flatMap(w -> shelve(caller, request, duration, w));
        }).onErrorResume(AlarmRefusal.class, refusal -> refused(caller, request, refusal));
    }

    private Mono<ShelveResult> shelve(Caller caller, ShelveRequest request, Duration duration, String ward) {
        return Mono.defer(() -> {
            if (byTarget.containsKey(key(request.target(), request.targetId()))) {
                throw new AlarmRefusal("alarm.refused.already-shelved", request.targetId() + " is already shelved");
            }
            Instant now = clock.instant();
            ShelvedItem item = new ShelvedItem(UUID.randomUUID(), request.target(), request.targetId(), ward,
                    request.reason().strip(), caller.id(), now, now.plus(duration));
            return store.insert(item)
                    .then(audit.append(now, caller.id(), "SHELVED", ward, item.targetId(),
                            item.target() + " until " + item.expiresAt() + ": " + item.reason()))
                    .then(Mono.fromRunnable(() -> hold(item)))
                    .then(republish(item))
                    .thenReturn(counted(ShelveResult.ok(item), "shelved"));
        });
    }

    Mono<ShelveResult> unshelve(Caller caller, UUID id) {
        return Mono.defer(() -> {
            ShelvingRules.mayShelve(caller);
            ShelvedItem item = id == null ? null : items.get(id);
            if (item == null || !caller.sees(item.wardCode())) {
                throw new AlarmRefusal("alarm.refused.not-shelved", "nothing shelved with id " + id + " in your wards");
            }
            return end(item, caller.id(), "UNSHELVED", "UNSHELVED").thenReturn(counted(ShelveResult.ok(item), "unshelved"));
        }).onErrorResume(AlarmRefusal.class, refusal -> Mono.just(counted(ShelveResult.refused(refusal.code(),
                refusal.getMessage()), "refused")));
    }

    /** The caller's wards' shelved items, soonest expiry first. */
    List<ShelvedItem> shelved(Caller caller) {
        return items.values().stream().filter(item -> caller.sees(item.wardCode()))
                .sorted(Comparator.comparing(ShelvedItem::expiresAt).thenComparing(ShelvedItem::id)).toList();
    }

    @Override
    public boolean holds(IncidentView incident) {
        if (incident.severity() == kr.anshim.api.Severity.CRITICAL) {
            return false;
        }
        if (byTarget.containsKey(key(ShelveRequest.Target.INCIDENT, incident.id().toString()))) {
            return true;
        }
        return correlator.openIncident(incident.id())
                .map(open -> !open.deviceIds().isEmpty() && open.deviceIds().stream()
                        .allMatch(device -> byTarget.containsKey(key(ShelveRequest.Target.DEVICE, device))))
                .orElse(false);
    }

    /** The open incident as its owner holds it, or (in a cluster, another instance's ward) as the store has it. */
    private Mono<Incident> checkedIncident(Caller caller, String id) {
        UUID incidentId;
        try {
            incidentId = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            return Mono.error(new AlarmRefusal("alarm.refused.not-found", "'" + id + "' is not an incident id"));
        }
        Mono<Incident> held = correlator.openIncident(incidentId).map(Mono::just)
                .orElseGet(() -> cluster ? incidents.byIdForScreens(incidentId).filter(i -> i.status().open()) : Mono.empty());
        return held.switchIfEmpty(Mono.error(() -> new AlarmRefusal("alarm.refused.not-found", "no open incident " + id + " in your wards")))
                .doOnNext(incident -> ShelvingRules.incident(caller, incident, incident.deviceIds().stream().map(devices::find).toList()));
    }

    private RegisteredDevice checkedDevice(Caller caller, String id) {
        RegisteredDevice device = devices.find(id).filter(d -> !d.revoked())
                .orElseThrow(() -> new AlarmRefusal("alarm.refused.not-found", "no device " + id + " in your wards"));
        ShelvingRules.device(caller, device);
        return device;
    }

    private void hold(ShelvedItem item) {
        items.put(item.id(), item);
        byTarget.put(key(item.target(), item.targetId()), item);
        Duration left = Duration.between(clock.instant(), item.expiresAt());
        expiries.put(item.id(), Mono.delay(left.isNegative() ? Duration.ZERO : left, timers)
                .flatMap(tick -> expire(item))
                .subscribe(null, error -> log.warn("Shelved {} not expired: {}", item.targetId(), error.toString())));
    }

    /** Its time ran out: the ward's owner ends it in the store; another instance only shows it again on its screens. */
    private Mono<Void> expire(ShelvedItem item) {
        if (owner.owns(item.wardCode())) {
            return end(item, "system", "EXPIRED", "SHELF_EXPIRED");
        }
        release(item, "EXPIRED");
        return republish(item);
    }

    /** Cluster: holds what was shelved through another instance, lets go what was ended there. */
    private Mono<Void> reconcile() {
        Instant now = clock.instant();
        return store.active().collectList().flatMap(active -> {
            Set<UUID> ids = new HashSet<>();
            List<ShelvedItem> changed = new ArrayList<>();
            for (ShelvedItem item : active) {
                ids.add(item.id());
                // one another instance's owner has yet to expire is not held again here (it would only return at once)
                boolean due = !item.expiresAt().isAfter(now);
                if (!items.containsKey(item.id()) && (!due || owner.owns(item.wardCode()))) {
                    hold(item);
                    changed.add(item);
                }
            }
            for (ShelvedItem item : List.copyOf(items.values())) {
                if (!ids.contains(item.id())) {
                    release(item, "ENDED");
                    changed.add(item);
                }
            }
            return Flux.fromIterable(changed).concatMap(this::republish).then();
        });
    }

    /** Ends the item once (the store decides who ended it), audits it and shows its incidents again. */
    private Mono<Void> end(ShelvedItem item, String actor, String kind, String action) {
        Instant now = clock.instant();
        return store.end(item.id(), now, actor, kind)
                .flatMap(ended -> {
                    release(item, kind);
                    if (!ended) {
                        return Mono.empty();
                    }
                    count(kind.toLowerCase());
                    return audit.append(now, actor, action, item.wardCode(), item.targetId(),
                            item.target() + " shelved by " + item.shelvedBy() + " at " + item.shelvedAt() + ": " + item.reason())
                            .then(republish(item));
                });
    }

    private void release(ShelvedItem item, String kind) {
        items.remove(item.id());
        byTarget.remove(key(item.target(), item.targetId()), item);
        Disposable timer = expiries.remove(item.id());
        if (timer != null && !"EXPIRED".equals(kind)) {
            timer.dispose();
        }
    }

    /** Publishes the item's open incidents again (the feed serialises publishers), so screens drop or regain them. */
    private Mono<Void> republish(ShelvedItem item) {
        return Mono.fromRunnable(() -> affected(item).forEach(incident -> feed.publish(incident.view())));
    }

    private List<Incident> affected(ShelvedItem item) {
        return switch (item.target()) {
            case INCIDENT -> correlator.openIncident(UUID.fromString(item.targetId())).stream().toList();
            case DEVICE -> correlator.open().stream().filter(i -> i.deviceIds().contains(item.targetId())).toList();
        };
    }

    /** A shelved incident that turns CRITICAL or closes comes off the shelf at once. */
    private Flux<Void> returns(IncidentView change) {
        ShelvedItem item = byTarget.get(key(ShelveRequest.Target.INCIDENT, change.id().toString()));
        if (item == null || !(change.severity() == kr.anshim.api.Severity.CRITICAL || change.status().isClosed())) {
            return Flux.empty();
        }
        return end(item, "system", "RETURNED", "SHELF_RETURNED").flux();
    }

    private Mono<ShelveResult> refused(Caller caller, ShelveRequest request, AlarmRefusal refusal) {
        Mono<Void> audited = "alarm.refused.protected".equals(refusal.code()) || "alarm.refused.critical".equals(refusal.code())
                ? audit.append(clock.instant(), caller.id(), "SHELVE_REFUSED", null, request.targetId(), refusal.getMessage())
                : Mono.empty();
        return audited.thenReturn(counted(ShelveResult.refused(refusal.code(), refusal.getMessage()), "refused"));
    }

    private ShelveResult counted(ShelveResult result, String outcome) {
        count(outcome);
        return result;
    }

    private void count(String outcome) {
        meters.counter("anshim.alarm.shelving", "outcome", outcome).increment();
    }

    private static String key(ShelveRequest.Target target, String id) {
        return target + ":" + id;
    }

    @Override
    public void start() {
        Disposable loaded = store.active().collectList()
                .doOnNext(active -> active.forEach(this::hold))
                .subscribe(null, error -> log.error("Shelf not read at start; shelved items show as active", error));
        Disposable returning = feed.changes()
                .filter(change -> byTarget.containsKey(key(ShelveRequest.Target.INCIDENT, change.id().toString())))
                // bounded; a return missed here still shows (holds() never hides a CRITICAL) and expires on time
                .onBackpressureBuffer(RETURN_BUFFER, dropped -> count("return-missed"), BufferOverflowStrategy.DROP_LATEST)
                .concatMap(change -> returns(change).onErrorResume(error -> {
                    log.warn("Shelved incident {} not returned: {}", change.id(), error.toString());
                    return Mono.empty();
                }))
                .subscribe(null, error -> log.error("Shelf's watch on the live feed ended; this is a bug", error));
        Disposable syncing = !cluster ? reactor.core.Disposables.disposed()
                : Flux.interval(sync, sync, timers).onBackpressureDrop()
                .concatMap(tick -> reconcile().onErrorResume(error -> {
                    log.warn("Shelf not read again, tried at the next sync: {}", error.toString());
                    return Mono.empty();
                }), 1)
                .subscribe(null, error -> log.error("Shelf's sync ended; this is a bug", error));
        watching = reactor.core.Disposables.composite(loaded, returning, syncing);
    }

    @Override
    public void stop() {
        Disposable w = watching;
        if (w != null) {
            w.dispose();
        }
        expiries.values().forEach(Disposable::dispose);
    }

    @Override
    public boolean isRunning() {
        return watching != null && !watching.isDisposed();
    }
}
