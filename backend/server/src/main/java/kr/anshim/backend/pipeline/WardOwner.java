package kr.anshim.backend.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.incident.CorrelationPlan;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.StaleIncidents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one writer of its wards' incidents. Events, commands, aging ticks and ward hand-overs run in
 * one serial stage, one after another, so correlation is deterministic and nothing races over an
 * incident. Events are committed in batches (group commit without a timer: whenever the stage is
 * free it takes up to {@code max-batch} waiting events, so batches grow by themselves while the
 * previous one commits) and answered only after their commit.
 * <p>
 * Standalone, this instance owns every ward from the start. In a cluster it owns the wards of the
 * log partitions assigned to it: {@link #own} loads them before their events are served and
 * {@link #release} stops writing them.
 */
@Component
public class WardOwner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WardOwner.class);

    /** Re-plans of one batch after stale reads, before its senders are told to resend. */
    static final int STALE_RETRIES = 3;

    private final Correlator correlator;
    private final IncidentStore incidents;
    private final IncidentWriter writer;
    private final CommandApplication commands;
    private final ChangeFeed changes;
    private final IntakeHealth health;
    private final int maxBatch;
    private final Duration agingInterval;
    private final int agingSlice;
    private final AdmissionWindow window;
    private final Timer commitLatency;
    private final Timer batchTimer;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter failed;
    private final Counter conflicts;
    private final Counter unstorable;
    private final Counter splits;
    private final Counter staleWrites;
    private final RateLimitedWarnings warnings = new RateLimitedWarnings(log, Duration.ofSeconds(10));
    private final Mono<Void> ready;
    private final ConcurrentLinkedQueue<PendingEvent> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean batchScheduled = new AtomicBoolean();
    private volatile FluxSink<Boolean> batchTriggers;
    private volatile FluxSink<Supplier<Mono<Void>>> tasks;
    private volatile Disposable pipeline;
    /** The wards this instance writes now: every ward standalone, those its log partitions give it in a cluster. */
    private volatile Set<String> owned;

    WardOwner(Correlator correlator, IncidentStore incidents, IncidentWriter writer, CommandApplication commands,
              ChangeFeed changes, DeviceRegistry registry, IntakeHealth health, MeterRegistry meters,
              @Value("${anshim.cluster.enabled:false}") boolean cluster,
              @Value("${anshim.journal.max-batch:1000}") int maxBatch,
              @Value("${anshim.journal.max-in-flight:8000}") int maxInFlight,
              @Value("${anshim.journal.queue-time:PT0.4S}") Duration queueTime,
              @Value("${anshim.ranking.aging-interval:PT5S}") Duration agingInterval,
              @Value("${anshim.ranking.aging-slice:500}") int agingSlice) {
        this.correlator = correlator;
        this.incidents = incidents;
        this.writer = writer;
        this.commands = commands;
        this.changes = changes;
        this.health = health;
        this.owned = cluster ? Set.of() : kr.anshim.api.Wards.seoul().all().stream().map(kr.anshim.api.Ward::code)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.maxBatch = maxBatch;
        this.agingInterval = agingInterval;
        this.agingSlice = agingSlice;
        this.window = new AdmissionWindow(Math.min(maxBatch * 2, maxInFlight), maxInFlight, queueTime);
        this.commitLatency = Timer.builder("anshim.ingest.commit.latency")
                .description("From an event's arrival to its durable commit")
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram().register(meters);
        this.batchTimer = Timer.builder("anshim.journal.batch").description("One batch transaction").register(meters);
        this.stored = Counter.builder("anshim.ingest.events").tag("outcome", "stored").register(meters);
        this.duplicates = Counter.builder("anshim.ingest.events").tag("outcome", "duplicate").register(meters);
        this.failed = Counter.builder("anshim.ingest.events").tag("outcome", "failed").register(meters);
        this.conflicts = Counter.builder("anshim.ingest.events").tag("outcome", "event_id_conflict").register(meters);
        this.unstorable = Counter.builder("anshim.ingest.events").tag("outcome", "unstorable").register(meters);
        this.splits = Counter.builder("anshim.journal.batch.splits")
                .description("Batches split after the database refused their content").register(meters);
        this.staleWrites = StaleIncidents.counter(meters, "journal");
        meters.gauge("anshim.journal.admission.limit", window, AdmissionWindow::limit);
        meters.gauge("anshim.owner.waiting", queued);
        Mono<Void> load = cluster ? registry.ready()
                : registry.ready().then(Mono.zip(incidents.open().collectList(),
                                incidents.closedWithin(Duration.ofHours(1)).collectList())
                        .doOnNext(loaded -> correlator.load(loaded.getT1(), loaded.getT2()))
                        .then());
        this.ready = StartupLoad.retrying(cluster ? "the registry" : "the registry and open incidents", load,
                        health::startFailed, log)
                .doOnSuccess(done -> {
                    health.ready();
                    log.info("Ward owner ready: {} open incidents", correlator.open().size());
                })
                // caches success only: StartupLoad retries without end, so no error is ever cached
                .cache();
    }

    public Mono<Void> ready() {
        return ready;
    }

    /** Events admitted that await the stage (for the log's admission). */
    public int waiting() {
        return queued.get();
    }

    /** About 400 ms of commits at the recent rate: what an instance may hold waiting. */
    int admissionLimit() {
        return window.limit();
    }

    /** Queues an accepted event for the next batch; {@code reply} gets its one answer after the commit. */
    public void submit(AcceptedEvent event, Consumer<Ack> reply) {
        if (tasks == null) {
            reply.accept(Rejection.storageUnavailable(event.eventId()).ack());
            return;
        }
        queued.incrementAndGet();
        waiting.offer(new PendingEvent(event, reply, System.nanoTime()));
        scheduleBatch();
    }

    /** Applies a screen command in order with the ward's events. */
    public Mono<CommandResult> command(String wardCode, IncidentCommand command, Set<String> callerWards) {
        return serially(() -> commands.apply(wardCode, command, callerWards));
    }

    /**
     * True if this instance is the one writer of the ward now. Work that must happen once per ward
     * (welfare timers, shelving expiry) is done only where this is true; the store's own checks
     * catch the moment of a hand-over, when two instances may both believe it for a while.
     */
    public boolean owns(String wardCode) {
        return owned.contains(wardCode);
    }

    /** The wards this instance writes now. */
    public Set<String> ownedWards() {
        return owned;
    }

    /** Takes over these wards (cluster): loads their open and recently closed incidents before their events are served. */
    public Mono<Void> own(Set<String> wards) {
        return serially(() -> Mono.zip(incidents.openIn(wards).collectList(),
                        incidents.closedWithin(Duration.ofHours(1), wards).collectList())
                .doOnNext(loaded -> {
                    correlator.adopt(loaded.getT1(), loaded.getT2());
                    Set<String> now = new java.util.HashSet<>(owned);
                    now.addAll(wards);
                    owned = Set.copyOf(now);
                    log.info("Owning wards {}: {} open incidents loaded", wards, loaded.getT1().size());
                })
                .then());
    }

    /** Gives these wards up (cluster): everything queued before this is finished first, then they are forgotten. */
    public Mono<Void> release(Set<String> wards) {
        return serially(() -> Mono.fromRunnable(() -> {
            Set<String> left = new java.util.HashSet<>(owned);
            left.removeAll(wards);
            owned = Set.copyOf(left);
            correlator.forget(wards);
            log.info("Released wards {}", wards);
        }));
    }

    @Override
    public void start() {
        // at most one trigger is outstanding (batchScheduled), so this buffer holds one element at most
        Flux<Boolean> triggers = Flux.create(sink -> batchTriggers = sink, FluxSink.OverflowStrategy.BUFFER);
        // aging ticks run through the same serial stage as the events, so the two never race; a late tick is dropped
        Flux<Supplier<Mono<Void>>> agingTicks = Flux.interval(agingInterval, agingInterval)
                .onBackpressureDrop()
                .map(tick -> this::age);
        Flux<Supplier<Mono<Void>>> work = Flux.merge(1,
                triggers.map(trigger -> this::nextBatch),
                agingTicks,
                Flux.<Supplier<Mono<Void>>>create(sink -> tasks = sink, FluxSink.OverflowStrategy.BUFFER));
        pipeline = work
                .concatMap(Supplier::get, 1)
                .subscribe(null, error -> log.error("Ward owner's stage ended; this is a bug", error));
        ready.subscribe(null, error -> log.error("Ward owner's start-up load ended without success; this is a bug", error));
    }

    @Override
    public void stop() {
        Disposable p = pipeline;
        if (p != null) {
            p.dispose();
        }
        tasks = null;
        // never left unanswered: what had not been committed is to be resent (to this or another instance)
        PendingEvent left;
        while ((left = waiting.poll()) != null) {
            queued.decrementAndGet();
            left.reply().accept(Rejection.storageUnavailable(left.event().eventId()).ack());
        }
    }

    @Override
    public boolean isRunning() {
        return pipeline != null && !pipeline.isDisposed();
    }

    /** Starts before, and stops after, whatever feeds it (the cluster's edge and poll loop). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 100;
    }

    /** Runs {@code work} in the serial stage, between batches; its result or error is the caller's. */
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
        List<PendingEvent> batch = new ArrayList<>(Math.min(maxBatch, 64));
        PendingEvent next;
        while (batch.size() < maxBatch && (next = waiting.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        queued.addAndGet(-batch.size());
        long started = System.nanoTime();
        return ready.then(commitOrSplit(batch, STALE_RETRIES))
                .doFinally(signal -> {
                    batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    if (!waiting.isEmpty()) {
                        scheduleBatch();
                    }
                })
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
     * A batch planned on a stale copy of an incident (another writer changed it since) rolls back;
     * those incidents are read again and the batch is planned anew, a few times at most.
     */
    private Mono<Void> commitOrSplit(List<PendingEvent> batch, int staleRetries) {
        return writer.commit(batch, correlator::plan)
                .doOnNext(this::succeed)
                .then()
                .onErrorResume(StaleIncidents.class, stale -> {
                    staleWrites.increment();
                    warnings.warn("A batch of {} events was planned on stale incidents {}; read again and re-planned",
                            batch.size(), stale.ids());
                    if (staleRetries == 0) {
                        unavailable(batch, stale);
                        return Mono.empty();
                    }
                    return refresh(stale.ids()).then(commitOrSplit(batch, staleRetries - 1));
                })
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
                    return commitOrSplit(batch.subList(0, half), STALE_RETRIES)
                            .then(commitOrSplit(batch.subList(half, batch.size()), STALE_RETRIES));
                });
    }

    /** Reads incidents another writer changed and takes their stored state as the committed one. */
    private Mono<Void> refresh(Collection<UUID> ids) {
        return incidents.byIds(ids)
                .collectList()
                .doOnNext(fresh -> {
                    fresh.forEach(incident -> correlator.commit(CorrelationPlan.of(incident)));
                    changes.committed(fresh);
                })
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
        return writer.commit(plan)
                .doOnSuccess(done -> {
                    correlator.commit(plan);
                    changes.committed(plan.changedIncidents());
                })
                .onErrorResume(StaleIncidents.class, stale -> {
                    staleWrites.increment();
                    log.info("Aging skipped incidents another writer changed, read again: {}", stale.ids());
                    return refresh(stale.ids());
                })
                .onErrorResume(error -> {
                    log.warn("Aging not stored, retried at the next tick: {}", error.toString());
                    return Mono.empty();
                });
    }

    private void succeed(IncidentWriter.Outcome outcome) {
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
            p.reply().accept(ack);
        });
        changes.committed(outcome.plan().changedIncidents());
    }

    private void refused(Ack ack) {
        if (Rejection.Reason.EVENT_ID_CONFLICT.name().equals(ack.reason())) {
            conflicts.increment();
        } else {
            failed.increment();
        }
    }

    /** The database could not be reached or did not answer: every event of the batch is to be resent. */
    private void unavailable(List<PendingEvent> batch, Throwable error) {
        health.failed(error);
        warnings.warn("Batch of {} events not committed, senders told to resend: {}", batch.size(), error.toString());
        for (PendingEvent p : batch) {
            failed.increment();
            p.reply().accept(Rejection.storageUnavailable(p.event().eventId()).ack());
        }
    }

    /** The database refused this one event's content even on its own. */
    private void unstorable(PendingEvent p, Throwable error) {
        unstorable.increment();
        warnings.warn("Event {} of device {} refused by the database on its own: {}", p.event().eventId(),
                p.event().device().id(), error.toString());
        p.reply().accept(new Rejection(p.event().eventId(), Rejection.Reason.UNSTORABLE,
                "the control centre cannot store this event's content; check it against docs/device-protocol.md"
                        + " (other events are not affected)").ack());
    }
}
