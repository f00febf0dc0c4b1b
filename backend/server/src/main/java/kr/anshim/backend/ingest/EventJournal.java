package kr.anshim.backend.ingest;


import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import kr.anshim.api.Ack;
import kr.anshim.backend.incident.CorrelationPlan;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.AuditTrail;
import kr.anshim.backend.incident.SerialStage;
import kr.anshim.backend.livefeed.LiveFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commits accepted events in batches and only then answers their senders. One batch is one
 * transaction: the new events, the incidents they change and the links between them are durable
 * together, so an acknowledged alarm is never lost and never without its incident. Batches are
 * committed one after another, which keeps correlation deterministic; the batch grows with load,
 * so throughput comes from group commit, not from parallel transactions.
 * <p>
 * Backpressure: alarms are never dropped. At most an {@link AdmissionWindow} of events wait (about
 * 250 ms of commits, within {@code max-in-flight}); past that a sender is told {@code OVERLOADED} at
 * once (counted) and its device resends later. Single alarms have a reserve above the window.
 */
@Component
public class EventJournal implements SmartLifecycle, SerialStage {

    private static final Logger log = LoggerFactory.getLogger(EventJournal.class);

    private static final String EXISTING = "select " + EventIdentity.COLUMNS + " from device_event where event_id = any($1::uuid[])";
    private static final String INSERT = """
            insert into device_event (event_id, device_id, type, occurred_at, received_at, payload, incident_id)
            select e.event_id, e.device_id, e.type, e.occurred_at, e.received_at, p.payload, e.incident_id
            from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]::timestamptz[], $5::text[]::timestamptz[],
                        $7::uuid[]) with ordinality as e(event_id, device_id, type, occurred_at, received_at, incident_id, n)
            join jsonb_array_elements($6::text::jsonb) with ordinality as p(payload, n) using (n)
            on conflict (event_id) do nothing
            returning event_id""";

    private record Pending(AcceptedEvent event, MonoSink<Ack> reply, long startedNanos) {
    }

    private record Outcome(Map<Pending, Ack> answers, CorrelationPlan plan) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Correlator correlator;
    private final IncidentStore incidents;
    private final LiveFeed liveFeed;
    private final int maxBatch;
    private final int maxInFlight;
    private final Duration agingInterval;
    private final int agingSlice;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AdmissionWindow window;
    private final Timer commitLatency;
    private final Timer batchTimer;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter overloaded;
    private final Counter failed;
    private final Counter conflicts;
    private final Counter unstorable;
    private final Counter splits;
    private final IntakeHealth health;
    private final RateLimitedWarnings warnings = new RateLimitedWarnings(log, Duration.ofSeconds(10));
    private final Mono<Void> ready;

    /**
     * Events waiting for the serial stage, bounded by the admission window. Group commit without a
     * timer: whenever the stage is free it takes up to {@code max-batch} of them, so batches grow by
     * themselves while the previous one commits. (Reactor's {@code bufferTimeout} with fair
     * backpressure, used before, could keep a partial batch back until more events came: a test
     * sending exactly 1,000 events saw 846 of them wait forever, about once in 30 runs.)
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Pending> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean batchScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile FluxSink<Boolean> batchTriggers;
    private volatile boolean accepting;
    private volatile FluxSink<Supplier<Mono<Void>>> tasks;
    private final AuditTrail audit;
    private final kr.anshim.backend.livefeed.ClusterFanOut fanOut;
    private volatile Disposable pipeline;

    EventJournal(DatabaseClient db, TransactionalOperator tx, Correlator correlator, IncidentStore incidents,
                 LiveFeed liveFeed, kr.anshim.backend.device.DeviceRegistry registry, MeterRegistry meters,
                 AuditTrail audit, kr.anshim.backend.livefeed.ClusterFanOut fanOut, IntakeHealth health,
                 @Value("${anshim.journal.max-batch:1000}") int maxBatch,
                 @Value("${anshim.journal.max-in-flight:8000}") int maxInFlight,
                 @Value("${anshim.journal.queue-time:PT0.25S}") Duration queueTime,
                 @Value("${anshim.ranking.aging-interval:PT5S}") Duration agingInterval,
                 @Value("${anshim.ranking.aging-slice:500}") int agingSlice) {
        this.agingSlice = agingSlice;
        this.agingInterval = agingInterval;
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.fanOut = fanOut;
        this.correlator = correlator;
        this.incidents = incidents;
        this.liveFeed = liveFeed;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.window = new AdmissionWindow(Math.min(maxBatch * 2, maxInFlight), maxInFlight, queueTime);
        this.commitLatency = Timer.builder("anshim.ingest.commit.latency")
                .description("From an event's arrival to its durable commit")
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram().register(meters);
        this.batchTimer = Timer.builder("anshim.journal.batch").description("One batch transaction").register(meters);
        this.stored = Counter.builder("anshim.ingest.events").tag("outcome", "stored").register(meters);
        this.duplicates = Counter.builder("anshim.ingest.events").tag("outcome", "duplicate").register(meters);
        this.overloaded = Counter.builder("anshim.ingest.events").tag("outcome", "overloaded").register(meters);
        this.failed = Counter.builder("anshim.ingest.events").tag("outcome", "failed").register(meters);
        this.conflicts = Counter.builder("anshim.ingest.events").tag("outcome", "event_id_conflict").register(meters);
        this.unstorable = Counter.builder("anshim.ingest.events").tag("outcome", "unstorable").register(meters);
        this.splits = Counter.builder("anshim.journal.batch.splits")
                .description("Batches split after the database refused their content").register(meters);
        this.health = health;
        meters.gauge("anshim.journal.in.flight", inFlight);
        meters.gauge("anshim.journal.admission.limit", window, AdmissionWindow::limit);
        this.ready = StartupLoad.retrying("the registry and open incidents", registry.ready()
                        .then(Mono.zip(incidents.open().collectList(),
                                        incidents.closedWithin(Duration.ofHours(1)).collectList())
                                .doOnNext(loaded -> correlator.load(loaded.getT1(), loaded.getT2())))
                        .then(), health::startFailed, log)
                .doOnSuccess(done -> {
                    health.ready();
                    log.info("Journal ready: {} open incidents", correlator.open().size());
                })
                // caches success only: StartupLoad retries without end, so no error is ever cached
                .cache();
    }

    /** Completes with the event's acknowledgement once it is durably committed (or refused). */
    Mono<Ack> append(AcceptedEvent event) {
        return append(event, false);
    }

    /**
     * Completes with the event's acknowledgement once it is durably committed (or refused). Bulk
     * events (a gateway's channel) may fill the admission window; single alarms (a device's own
     * request) may also use a reserve above it, so a flooding gateway cannot crowd out the one
     * device whose resident pressed the bell.
     */
    Mono<Ack> append(AcceptedEvent event, boolean bulk) {
        return Mono.create(reply -> {
            if (!accepting || inFlight.incrementAndGet() > admissible(bulk)) {
                if (accepting) {
                    inFlight.decrementAndGet();
                }
                overloaded.increment();
                reply.success(new Rejection(event.eventId(), Rejection.Reason.OVERLOADED,
                        "the control centre is saturated; resend this event later").ack());
                return;
            }
            waiting.offer(new Pending(event, reply, System.nanoTime()));
            scheduleBatch();
        });
    }

    public Mono<Void> ready() {
        return ready;
    }

    /** True when the journal holds as many events as it may; new ones are shed before any parsing. */
    boolean saturated(boolean bulk) {
        return inFlight.get() >= admissible(bulk);
    }

    private int admissible(boolean bulk) {
        int limit = window.limit();
        return bulk ? limit : limit + Math.max(RESERVE_FLOOR, limit / 10);
    }

    /** Places kept for single alarms above the bulk window. */
    static final int RESERVE_FLOOR = 200;

    @Override
    public void start() {
        // at most one trigger is outstanding (batchScheduled), so this buffer holds one element at most
        Flux<Boolean> triggers = Flux.create(sink -> batchTriggers = sink, FluxSink.OverflowStrategy.BUFFER);
        // An empty batch is an aging tick: unacknowledged incidents climb with age. Ticks run through
        // the same serial stage as the events, so the two never race; a late tick is simply dropped.
        Flux<List<Pending>> agingTicks = Flux.interval(agingInterval, agingInterval)
                .onBackpressureDrop()
                .map(tick -> List.<Pending>of());
        Flux<Supplier<Mono<Void>>> work = Flux.merge(1,
                triggers.map(trigger -> this::nextBatch),
                agingTicks.map(tick -> this::age),
                Flux.<Supplier<Mono<Void>>>create(sink -> tasks = sink, FluxSink.OverflowStrategy.BUFFER));
        accepting = true;
        pipeline = work
                .concatMap(Supplier::get, 1)
                .subscribe(null, error -> log.error("Journal pipeline ended; this is a bug", error));
        ready.subscribe(null, error -> log.error("Journal start-up load ended without success; this is a bug", error));
    }

    @Override
    public void stop() {
        Disposable p = pipeline;
        if (p != null) {
            p.dispose();
        }
        accepting = false;
        // never left unanswered: what had not been committed is to be resent (to this or another instance)
        Pending left;
        while ((left = waiting.poll()) != null) {
            inFlight.decrementAndGet();
            left.reply().success(Rejection.storageUnavailable(left.event().eventId()).ack());
        }
    }

    @Override
    public boolean isRunning() {
        return pipeline != null && !pipeline.isDisposed();
    }

    /** Runs {@code work} in the serial stage, between alarm batches; its result or error is the caller's. */
    @Override
    public <T> Mono<T> serially(Supplier<Mono<T>> work) {
        return Mono.create(reply -> {
            FluxSink<Supplier<Mono<Void>>> sink = tasks;
            if (sink == null) {
                reply.error(new IllegalStateException("the control centre is starting or stopping; try again"));
                return;
            }
            sink.next(() -> ready.then(Mono.defer(work))
                    .doOnNext(reply::success)
                    .doOnError(reply::error)
                    .doOnSuccess(value -> {
                        if (value == null) {
                            reply.success();
                        }
                    })
                    .onErrorResume(error -> Mono.empty())
                    .then());
        });
    }

    private void scheduleBatch() {
        FluxSink<Boolean> sink = batchTriggers;
        if (sink != null && batchScheduled.compareAndSet(false, true)) {
            sink.next(Boolean.TRUE);
        }
    }

    /** Takes what is waiting (up to max-batch) and commits it; more waiting schedules the next. */
    private Mono<Void> nextBatch() {
        batchScheduled.set(false);
        List<Pending> batch = new ArrayList<>(Math.min(maxBatch, 64));
        Pending next;
        while (batch.size() < maxBatch && (next = waiting.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return commit(batch).doFinally(signal -> {
            if (!waiting.isEmpty()) {
                scheduleBatch();
            }
        });
    }

    private Mono<Void> commit(List<Pending> batch) {
        long started = System.nanoTime();
        return ready.then(commitOrSplit(batch))
                .doFinally(signal -> batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .onErrorResume(error -> {
                    unavailable(batch, error);
                    return Mono.empty();
                });
    }

    /**
     * One transaction for the batch. If the database refuses its content (not a lost connection),
     * the batch is split in halves and each is tried on its own, so only the offending events are
     * refused and every other event is stored in the same round; a transient failure refuses the
     * batch for a resend, as splitting it would only double the load on a struggling database.
     */
    private Mono<Void> commitOrSplit(List<Pending> batch) {
        return Mono.defer(() -> write(batch)).as(tx::transactional)
                .doOnNext(this::succeed)
                .then()
                .onErrorResume(error -> {
                    if (!(error instanceof NonTransientDataAccessException)) {
                        unavailable(batch, error);
                        return Mono.empty();
                    }
                    if (batch.size() == 1) {
                        unstorable(batch.get(0), error);
                        return Mono.empty();
                    }
                    splits.increment();
                    int half = batch.size() / 2;
                    return commitOrSplit(batch.subList(0, half)).then(commitOrSplit(batch.subList(half, batch.size())));
                });
    }

    private Mono<Void> age() {
        return ready.then(Mono.defer(this::ageNow));
    }

    private Mono<Void> ageNow() {
        CorrelationPlan plan = correlator.planAging(agingSlice);
        if (plan.changed().isEmpty()) {
            return Mono.empty();
        }
        return incidents.upsert(plan.changedIncidents()).as(tx::transactional)
                .doOnSuccess(done -> {
                    correlator.commit(plan);
                    plan.changedIncidents().stream().map(Incident::view).forEach(liveFeed::publish);
                })
                .onErrorResume(error -> {
                    log.warn("Aging not stored, retried at the next tick: {}", error.toString());
                    return Mono.empty();
                });
    }

    /**
     * Decides each event's answer inside the transaction: the first of an {@code eventId} that is
     * not yet stored is inserted; a resend (same device, same content) is a duplicate; the same
     * {@code eventId} from another device or with other content is a conflict, never a silent
     * "duplicate" that would make the device forget an alarm that was never stored.
     */
    private Mono<Outcome> write(List<Pending> batch) {
        Map<UUID, Pending> firsts = new LinkedHashMap<>();
        for (Pending p : batch) {
            firsts.putIfAbsent(p.event().eventId(), p);
        }
        return existing(firsts.keySet()).flatMap(known -> {
            Map<Pending, Ack> answers = new HashMap<>();
            List<AcceptedEvent> fresh = new ArrayList<>();
            for (Pending p : firsts.values()) {
                EventIdentity.Stored stored = known.get(p.event().eventId());
                if (stored == null) {
                    fresh.add(p.event());
                } else {
                    answers.put(p, EventIdentity.sameEvent(stored, p.event()) ? Ack.duplicate(p.event().eventId())
                            : conflict(p.event()));
                }
            }
            CorrelationPlan plan = correlator.plan(fresh.stream().map(AcceptedEvent::signal).toList());
            return insert(fresh, plan)
                    .flatMap(inserted -> incidents.upsert(plan.changedIncidents())
                            .then(audit.append(plan.transitions()))
                            .then(fanOut.announce(plan.changed().keySet()))
                            .thenReturn(new Outcome(answer(batch, firsts, answers, inserted), plan)));
        });
    }

    private static Map<Pending, Ack> answer(List<Pending> batch, Map<UUID, Pending> firsts, Map<Pending, Ack> answers,
                                            Set<UUID> inserted) {
        Map<Pending, Ack> all = new LinkedHashMap<>();
        for (Pending p : batch) {
            UUID id = p.event().eventId();
            Pending first = firsts.get(id);
            Ack firstAnswer = answers.get(first);
            if (firstAnswer == null) {
                // another instance inserted the same id a moment ago: resend, then it is judged properly
                firstAnswer = inserted.contains(id) ? Ack.stored(id)
                        : Rejection.storageUnavailable(id).ack();
                answers.put(first, firstAnswer);
            }
            if (p == first) {
                all.put(p, firstAnswer);
            } else if (EventIdentity.sameEvent(first.event(), p.event()) && firstAnswer.durable()) {
                all.put(p, Ack.duplicate(id));
            } else {
                all.put(p, firstAnswer.durable() ? conflict(p.event()) : firstAnswer);
            }
        }
        return all;
    }

    private static Ack conflict(AcceptedEvent event) {
        return new Rejection(event.eventId(), Rejection.Reason.EVENT_ID_CONFLICT, "eventId " + event.eventId()
                + " already belongs to another event (another device, or other content); this event was NOT stored:"
                + " send it again with a new random eventId").ack();
    }

    private Mono<Map<UUID, EventIdentity.Stored>> existing(Set<UUID> ids) {
        return db.sql(EXISTING)
                .bind(0, ids.toArray(UUID[]::new))
                .map(EventIdentity::read)
                .all()
                .collectMap(EventIdentity.Stored::eventId);
    }

    private Mono<Set<UUID>> insert(List<AcceptedEvent> events, CorrelationPlan plan) {
        if (events.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql(INSERT)
                .bind(0, events.stream().map(AcceptedEvent::eventId).toArray(UUID[]::new))
                .bind(1, column(events, e -> e.device().id()))
                .bind(2, column(events, e -> e.type().name()))
                .bind(3, column(events, e -> e.occurredAt().toString()))
                .bind(4, column(events, e -> e.receivedAt().toString()))
                // one JSON array, not a text[] of documents: no per-element array escaping
                .bind(5, events.stream().map(AcceptedEvent::payloadJson).collect(java.util.stream.Collectors.joining(",", "[", "]")))
                .bind(6, events.stream().map(e -> plan.incidentOf(e.eventId()).orElse(null)).toArray(UUID[]::new))
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    private void succeed(Outcome outcome) {
        correlator.commit(outcome.plan());
        long now = System.nanoTime();
        window.committed(outcome.answers().size(), now);
        health.committed();
        outcome.answers().forEach((p, ack) -> {
            switch (ack.outcome()) {
                case STORED -> stored.increment();
                case DUPLICATE -> duplicates.increment();
                case REJECTED -> refused(ack);
            }
            commitLatency.record(now - p.startedNanos(), TimeUnit.NANOSECONDS);
            inFlight.decrementAndGet();
            p.reply().success(ack);
        });
        outcome.plan().changedIncidents().stream().map(Incident::view).forEach(liveFeed::publish);
    }

    private void refused(Ack ack) {
        if (Rejection.Reason.EVENT_ID_CONFLICT.name().equals(ack.reason())) {
            conflicts.increment();
        } else {
            failed.increment();
        }
    }

    /** The database could not be reached or did not answer: every event of the batch is to be resent. */
    private void unavailable(List<Pending> batch, Throwable error) {
        health.failed(error);
        warnings.warn("Batch of {} events not committed, senders told to resend: {}", batch.size(), error.toString());
        for (Pending p : batch) {
            failed.increment();
            inFlight.decrementAndGet();
            p.reply().success(Rejection.storageUnavailable(p.event().eventId()).ack());
        }
    }

    /** The database refused this one event's content even on its own. */
    private void unstorable(Pending p, Throwable error) {
        unstorable.increment();
        inFlight.decrementAndGet();
        warnings.warn("Event {} of device {} refused by the database on its own: {}", p.event().eventId(),
                p.event().device().id(), error.toString());
        p.reply().success(new Rejection(p.event().eventId(), Rejection.Reason.UNSTORABLE,
                "the control centre cannot store this event's content; check it against docs/device-protocol.md"
                        + " (other events are not affected)").ack());
    }

    private static <T> String[] column(List<T> rows, java.util.function.Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }
}
