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
 * Backpressure: alarms are never dropped. At most {@code max-in-flight} events wait; past that a
 * sender is told {@code OVERLOADED} at once (counted) and its device resends later.
 */
@Component
public class EventJournal implements SmartLifecycle, SerialStage {

    private static final Logger log = LoggerFactory.getLogger(EventJournal.class);

    private static final String EXISTING = "select event_id from device_event where event_id = any($1::uuid[])";
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

    private record Outcome(Set<UUID> stored, CorrelationPlan plan) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Correlator correlator;
    private final IncidentStore incidents;
    private final LiveFeed liveFeed;
    private final int maxBatch;
    private final Duration maxWait;
    private final int maxInFlight;
    private final Duration agingInterval;
    private final int agingSlice;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer commitLatency;
    private final Timer batchTimer;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter overloaded;
    private final Counter failed;
    private final Mono<Void> ready;

    private volatile FluxSink<Pending> queue;
    private volatile FluxSink<Supplier<Mono<Void>>> tasks;
    private final AuditTrail audit;
    private final kr.anshim.backend.livefeed.ClusterFanOut fanOut;
    private volatile Disposable pipeline;

    EventJournal(DatabaseClient db, TransactionalOperator tx, Correlator correlator, IncidentStore incidents,
                 LiveFeed liveFeed, kr.anshim.backend.device.DeviceRegistry registry, MeterRegistry meters,
                 AuditTrail audit, kr.anshim.backend.livefeed.ClusterFanOut fanOut,
                 @Value("${anshim.journal.max-batch:1000}") int maxBatch,
                 @Value("${anshim.journal.max-wait:PT0.002S}") Duration maxWait,
                 @Value("${anshim.journal.max-in-flight:50000}") int maxInFlight,
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
        this.maxWait = maxWait;
        this.maxInFlight = maxInFlight;
        this.commitLatency = Timer.builder("anshim.ingest.commit.latency")
                .description("From an event's arrival to its durable commit")
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram().register(meters);
        this.batchTimer = Timer.builder("anshim.journal.batch").description("One batch transaction").register(meters);
        this.stored = Counter.builder("anshim.ingest.events").tag("outcome", "stored").register(meters);
        this.duplicates = Counter.builder("anshim.ingest.events").tag("outcome", "duplicate").register(meters);
        this.overloaded = Counter.builder("anshim.ingest.events").tag("outcome", "overloaded").register(meters);
        this.failed = Counter.builder("anshim.ingest.events").tag("outcome", "failed").register(meters);
        meters.gauge("anshim.journal.in.flight", inFlight);
        this.ready = registry.ready()
                .then(Mono.zip(incidents.open().collectList(),
                                incidents.closedWithin(Duration.ofHours(1)).collectList())
                        .doOnNext(loaded -> correlator.load(loaded.getT1(), loaded.getT2())))
                .doOnSuccess(open -> log.info("Journal ready: {} open incidents", correlator.open().size()))
                .then()
                .cache();
    }

    /** Completes with the event's acknowledgement once it is durably committed (or refused). */
    Mono<Ack> append(AcceptedEvent event) {
        return Mono.create(reply -> {
            FluxSink<Pending> q = queue;
            if (q == null || inFlight.incrementAndGet() > maxInFlight) {
                if (q != null) {
                    inFlight.decrementAndGet();
                }
                overloaded.increment();
                reply.success(new Rejection(event.eventId(), Rejection.Reason.OVERLOADED,
                        "the control centre is saturated; resend this event later").ack());
                return;
            }
            q.next(new Pending(event, reply, System.nanoTime()));
        });
    }

    public Mono<Void> ready() {
        return ready;
    }

    @Override
    public void start() {
        Flux<List<Pending>> batches = Flux.<Pending>create(sink -> queue = sink, FluxSink.OverflowStrategy.BUFFER)
                .bufferTimeout(maxBatch, maxWait, true);
        // An empty batch is an aging tick: unacknowledged incidents climb with age. Ticks run through
        // the same serial stage as the events, so the two never race; a late tick is simply dropped.
        Flux<List<Pending>> agingTicks = Flux.interval(agingInterval, agingInterval)
                .onBackpressureDrop()
                .map(tick -> List.<Pending>of());
        Flux<Supplier<Mono<Void>>> work = Flux.merge(1,
                batches.map(batch -> () -> commit(batch)),
                agingTicks.map(tick -> this::age),
                Flux.<Supplier<Mono<Void>>>create(sink -> tasks = sink, FluxSink.OverflowStrategy.BUFFER));
        pipeline = work
                .concatMap(Supplier::get, 1)
                .subscribe(null, error -> log.error("Journal pipeline ended; this is a bug", error));
        ready.subscribe(null, error -> log.error("Could not load the registry and open incidents", error));
    }

    @Override
    public void stop() {
        Disposable p = pipeline;
        if (p != null) {
            p.dispose();
        }
        queue = null;
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

    private Mono<Void> commit(List<Pending> batch) {
        long started = System.nanoTime();
        Map<UUID, Pending> unique = new LinkedHashMap<>();
        Set<Pending> repeatsInBatch = new HashSet<>();
        for (Pending p : batch) {
            if (unique.putIfAbsent(p.event().eventId(), p) != null) {
                repeatsInBatch.add(p);
            }
        }
        return ready.then(Mono.defer(() -> write(List.copyOf(unique.values()))).as(tx::transactional))
                .doOnNext(outcome -> succeed(outcome, batch, repeatsInBatch))
                .doOnError(error -> fail(batch, error))
                .doFinally(signal -> batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .onErrorResume(error -> Mono.empty())
                .then();
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

    private Mono<Outcome> write(List<Pending> candidates) {
        return existing(candidates).flatMap(known -> {
            List<AcceptedEvent> fresh = candidates.stream().map(Pending::event)
                    .filter(e -> !known.contains(e.eventId())).toList();
            CorrelationPlan plan = correlator.plan(fresh.stream().map(AcceptedEvent::signal).toList());
            return insert(fresh, plan)
                    .flatMap(stored -> incidents.upsert(plan.changedIncidents())
                            .then(audit.append(plan.transitions()))
                            .then(fanOut.announce(plan.changed().keySet()))
                            .thenReturn(new Outcome(stored, plan)));
        });
    }

    private Mono<Set<UUID>> existing(List<Pending> candidates) {
        return db.sql(EXISTING)
                .bind(0, candidates.stream().map(p -> p.event().eventId()).toArray(UUID[]::new))
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(HashSet::new, Set::add);
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

    private void succeed(Outcome outcome, List<Pending> batch, Set<Pending> repeatsInBatch) {
        correlator.commit(outcome.plan());
        long now = System.nanoTime();
        for (Pending p : batch) {
            boolean first = !repeatsInBatch.contains(p) && outcome.stored().contains(p.event().eventId());
            (first ? stored : duplicates).increment();
            commitLatency.record(now - p.startedNanos(), TimeUnit.NANOSECONDS);
            inFlight.decrementAndGet();
            p.reply().success(first ? Ack.stored(p.event().eventId()) : Ack.duplicate(p.event().eventId()));
        }
        outcome.plan().changedIncidents().stream().map(Incident::view).forEach(liveFeed::publish);
    }

    private void fail(List<Pending> batch, Throwable error) {
        log.warn("Batch of {} events not committed; senders told to resend: {}", batch.size(), error.toString());
        for (Pending p : batch) {
            failed.increment();
            inFlight.decrementAndGet();
            p.reply().error(new IllegalStateException("not stored, resend later: " + error.getMessage()));
        }
    }

    private static <T> String[] column(List<T> rows, java.util.function.Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }
}
