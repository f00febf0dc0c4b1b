package kr.anshim.backend.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.pipeline.AcceptedEvent;
import kr.anshim.backend.pipeline.AdmissionWindow;
import kr.anshim.backend.pipeline.Rejection;
import kr.anshim.backend.pipeline.WardLog;
import kr.anshim.backend.pipeline.WardOwner;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Cluster: the log between intake and owner is a Kafka topic partitioned by ward. This instance,
 * as an edge, produces each accepted event or command to its ward's partition (idempotent producer,
 * {@code acks=all}) and answers the device only when the ward's owner, wherever it runs, has
 * committed it to PostgreSQL and sent its answer back on this instance's reply topic (matched by a
 * request id). So an acknowledgement means what it means standalone: fsync'd in PostgreSQL, and
 * DUPLICATE or EVENT_ID_CONFLICT answered truthfully. No answer within {@code reply-timeout}: the
 * device is told to resend (the event may be stored by then; its resend is answered DUPLICATE).
 * <p>
 * Backpressure: as standalone, an edge holds what its owners answer in {@code queue-time} (about
 * 400 ms) at the recent rate, at least {@link #EDGE_FLOOR} and at most {@code max-waiting}, so past
 * capacity a sender hears {@code OVERLOADED} at once instead of waiting seconds (single alarms have
 * a reserve above it); gateways' channels share it as credit.
 */
final class KafkaWardLog implements WardLog, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaWardLog.class);
    static final int RESERVE_FLOOR = 200;

    private final ClusterProperties cluster;
    private final KafkaClients clients;
    private final WardPartitions partitions;
    private final WardOwner owner;
    private final ObjectMapper json;
    private final Map<UUID, Consumer<LogEntry.Reply>> waiting = new ConcurrentHashMap<>();
    private final Sinks.One<Void> started = Sinks.one();
    private final Mono<Void> ready;
    private final Counter overloaded;
    private final Counter unanswered;
    /** The smallest admission: a few owners' batches in flight. */
    static final int EDGE_FLOOR = 500;
    /** How often the answered rate updates the admission window. */
    private static final long WINDOW_EVERY_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
    private final AdmissionWindow window;
    /** Touched by the reply loop's thread only. */
    private int answeredSince;
    private long windowAt = System.nanoTime();
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile PollLoop replies;
    private volatile boolean running;

    KafkaWardLog(ClusterProperties cluster, KafkaClients clients, WardPartitions partitions, WardOwner owner,
                 KafkaChangeFeed changes, ObjectMapper json, MeterRegistry meters,
                 java.time.Duration queueTime) {
        this.cluster = cluster;
        this.window = new AdmissionWindow(Math.min(EDGE_FLOOR, cluster.maxWaiting()), cluster.maxWaiting(), queueTime);
        meters.gauge("anshim.cluster.edge.admission.limit", window, AdmissionWindow::limit);
        this.clients = clients;
        this.partitions = partitions;
        this.owner = owner;
        this.json = json;
        this.ready = owner.ready().then(started.asMono()).then(changes.ready());
        this.overloaded = Counter.builder("anshim.ingest.events").tag("outcome", "overloaded").register(meters);
        this.unanswered = Counter.builder("anshim.cluster.replies.timed.out")
                .description("Requests whose owner did not answer in time (the sender is told to resend)").register(meters);
        meters.gauge("anshim.journal.in.flight", waiting, Map::size);
    }

    @Override
    public Mono<Void> ready() {
        return ready;
    }

    @Override
    public boolean saturated(boolean bulk) {
        return waiting.size() >= admissible(bulk);
    }

    @Override
    public int admittedAtOnce() {
        return admissible(true);
    }

    private int admissible(boolean bulk) {
        int limit = window.limit();
        return bulk ? limit : limit + Math.max(RESERVE_FLOOR, limit / 10);
    }

    @Override
    public Mono<Ack> append(AcceptedEvent event, boolean bulk) {
        if (waiting.size() >= admissible(bulk)) {
            overloaded.increment();
            return Mono.just(new Rejection(event.eventId(), Rejection.Reason.OVERLOADED,
                    "the control centre is saturated; resend this event later").ack());
        }
        LogEntry.Event data = new LogEntry.Event(event.eventId(), event.device().id(), event.type().name(),
                event.occurredAt(), event.receivedAt(), event.payloadJson());
        return request(event.device().wardCode(), id -> new LogEntry.Request(id, cluster.instanceId(),
                        event.device().wardCode(), data, null, null))
                .map(reply -> reply.ack() != null ? reply.ack() : Rejection.storageUnavailable(event.eventId()).ack())
                .defaultIfEmpty(unansweredEvent(event));
    }

    @Override
    public Mono<CommandResult> command(String wardCode, IncidentCommand command, Set<String> callerWards) {
        return request(wardCode, id -> new LogEntry.Request(id, cluster.instanceId(), wardCode, null, command, callerWards))
                .map(reply -> reply.result() != null ? reply.result()
                        : CommandResult.refused("not applied, try again", null))
                .defaultIfEmpty(CommandResult.refused("the ward's owner did not answer in time; look again and repeat if still needed", null));
    }

    @Override
    public void heard(RegisteredDevice device, Instant at) {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            return;
        }
        byte[] value = write(new LogEntry.Heartbeat(device.id(), at));
        p.send(new ProducerRecord<>(cluster.heartbeatTopic(), partitions.partitionOf(device.wardCode()), device.wardCode(), value));
    }

    /** Sends a request to its ward's partition; empty if no answer comes within the reply timeout. */
    private Mono<LogEntry.Reply> request(String wardCode, java.util.function.Function<UUID, LogEntry.Request> build) {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null || !running) {
            return Mono.error(new IllegalStateException("the control centre is starting or stopping; try again"));
        }
        UUID id = UUID.randomUUID();
        byte[] value = write(build.apply(id));
        return Mono.<LogEntry.Reply>create(sink -> {
                    waiting.put(id, sink::success);
                    p.send(new ProducerRecord<>(cluster.wardLogTopic(), partitions.partitionOf(wardCode), wardCode, value),
                            (metadata, error) -> {
                                if (error != null) {
                                    log.warn("Request for ward {} not logged: {}", wardCode, error.toString());
                                    if (waiting.remove(id) != null) {
                                        sink.error(error);
                                    }
                                }
                            });
                })
                .timeout(cluster.replyTimeout(), Mono.fromRunnable(unanswered::increment))
                .doFinally(signal -> waiting.remove(id));
    }

    private Ack unansweredEvent(AcceptedEvent event) {
        return new Rejection(event.eventId(), Rejection.Reason.STORAGE_UNAVAILABLE,
                "not confirmed: the owner of this ward did not answer in time; resend this event unchanged").ack();
    }

    @Override
    public void start() {
        producer = clients.producer("edge");
        producer.partitionsFor(cluster.wardLogTopic());
        KafkaConsumer<String, byte[]> reader = clients.reader("replies");
        TopicPartition mine = new TopicPartition(cluster.replyTopic(), 0);
        reader.assign(List.of(mine));
        reader.seekToEnd(List.of(mine));
        reader.position(mine);
        running = true;
        replies = new PollLoop("anshim-replies-" + cluster.instanceId(), reader, record -> answer(record.value()), log);
        replies.start();
        started.tryEmitEmpty();
        log.info("Cluster edge {} ready: ward log {}, answers on {}", cluster.instanceId(), cluster.wardLogTopic(),
                cluster.replyTopic());
    }

    private void answer(byte[] value) {
        try {
            LogEntry.Reply reply = json.readValue(value, LogEntry.Reply.class);
            Consumer<LogEntry.Reply> to = waiting.remove(reply.requestId());
            if (to != null) {
                to.accept(reply);
                answeredSince++;
            }
            long now = System.nanoTime();
            if (now - windowAt >= WINDOW_EVERY_NANOS) {
                window.committed(answeredSince, now);
                answeredSince = 0;
                windowAt = now;
            }
        } catch (IOException e) {
            log.warn("Unreadable answer on {} skipped: {}", cluster.replyTopic(), e.toString());
        }
    }

    private byte[] write(Object entry) {
        try {
            return json.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + entry.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void stop() {
        running = false;
        PollLoop r = replies;
        if (r != null) {
            r.stop();
        }
        KafkaProducer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the owner loop (which may still answer through this edge's producer), starts before it. */
    @Override
    public int getPhase() {
        return ClusterPhases.EDGE;
    }
}
