package kr.anshim.backend.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.Ack;
import kr.anshim.api.SignalType;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.DeviceSupervision;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.pipeline.AcceptedEvent;
import kr.anshim.backend.pipeline.Rejection;
import kr.anshim.backend.pipeline.WardOwner;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;

/**
 * The ward owner's side of the log. A poll loop on its own thread is a member of the owners' group;
 * the partitions assigned to it are the wards this instance owns. Bridged to the owner's Reactor
 * stage with explicit backpressure: past {@code pause-above} events waiting for the stage it pauses
 * its partitions, below {@code resume-below} it resumes them. Offsets are committed only up to the
 * first request not yet answered, that is, after PostgreSQL committed everything before it.
 * <p>
 * On assignment the owner first loads the wards' open incidents, then the partitions are resumed
 * from their committed offsets (the replay: what a failed owner had not answered is done again,
 * and answered DUPLICATE where it had been stored). Heartbeat partitions are replayed from
 * {@code supervision-window} ago, so the new owner knows who was heard lately. On revocation the
 * owner finishes what it has queued for those wards, commits, and forgets them.
 */
final class OwnerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnerLoop.class);

    private final ClusterProperties cluster;
    private final KafkaClients clients;
    private final WardPartitions partitions;
    private final WardOwner owner;
    private final DeviceRegistry registry;
    private final DeviceSupervision supervision;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration supervisionWindow;
    private final Counter replayed;
    private final Counter pauses;
    /** Offsets handed to the owner and not yet answered, per ward-log partition. */
    private final Map<Integer, ConcurrentSkipListSet<Long>> unanswered = new ConcurrentHashMap<>();
    /** The next offset to read per ward-log partition (what is committed once nothing before it is unanswered). */
    private final Map<Integer, Long> nextOffset = new ConcurrentHashMap<>();
    private final Map<Integer, Long> committed = new HashMap<>();
    /** Partitions whose wards are loaded, to be resumed by the poll thread. */
    private final ConcurrentLinkedQueue<Collection<TopicPartition>> loaded = new ConcurrentLinkedQueue<>();
    private final Set<Integer> loading = ConcurrentHashMap.newKeySet();
    private volatile Set<Integer> owned = Set.of();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile Thread thread;
    private volatile boolean running;
    private boolean paused;

    OwnerLoop(ClusterProperties cluster, KafkaClients clients, WardPartitions partitions, WardOwner owner,
              DeviceRegistry registry, DeviceSupervision supervision, ObjectMapper json, Clock clock,
              Duration supervisionWindow, MeterRegistry meters) {
        this.cluster = cluster;
        this.clients = clients;
        this.partitions = partitions;
        this.owner = owner;
        this.registry = registry;
        this.supervision = supervision;
        this.json = json;
        this.clock = clock;
        this.supervisionWindow = supervisionWindow;
        this.replayed = Counter.builder("anshim.cluster.wards.taken.over")
                .description("Ward partitions this instance took over").register(meters);
        this.pauses = Counter.builder("anshim.cluster.owner.pauses")
                .description("Times the owner paused its partitions because its stage had too many events waiting").register(meters);
        meters.gauge("anshim.cluster.wards.owned", this, loop -> partitions.wardsOf(loop.owned).size());
    }

    /** The wards this instance owns now. */
    Set<String> ownedWards() {
        return partitions.wardsOf(owned);
    }

    @Override
    public void start() {
        producer = clients.producer("owner");
        consumer = clients.ownerConsumer();
        running = true;
        thread = new Thread(this::run, "anshim-ward-owner-" + cluster.instanceId());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(cluster.wardLogTopic(), cluster.heartbeatTopic()), new Handover());
            while (running) {
                resumeLoaded();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.topic().equals(cluster.heartbeatTopic())) {
                        heartbeat(record);
                    } else {
                        request(record);
                    }
                }
                pace();
                commitAnswered(false);
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException e) {
            log.error("The ward owner's poll loop ended; its wards move to other instances", e);
        } finally {
            try {
                commitAnswered(true);
            } catch (RuntimeException e) {
                log.warn("Last offsets not committed ({}); the next owner replays a little more", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void request(ConsumerRecord<String, byte[]> record) {
        int partition = record.partition();
        long offset = record.offset();
        nextOffset.put(partition, offset + 1);
        LogEntry.Request request;
        try {
            request = json.readValue(record.value(), LogEntry.Request.class);
        } catch (IOException e) {
            log.warn("Unreadable request at {}-{}@{} skipped: {}", record.topic(), partition, offset, e.toString());
            return;
        }
        unanswered.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>()).add(offset);
        Runnable answered = () -> {
            ConcurrentSkipListSet<Long> open = unanswered.get(partition);
            if (open != null) {
                open.remove(offset);
            }
        };
        if (request.command() != null) {
            owner.command(request.wardCode(), request.command(), request.callerWards())
                    .onErrorResume(error -> reactor.core.publisher.Mono.just(
                            kr.anshim.api.CommandResult.refused("not applied, try again: " + error.getMessage(), null)))
                    .subscribe(result -> {
                        reply(request, new LogEntry.Reply(request.requestId(), null, result));
                        answered.run();
                    });
        } else {
            AcceptedEvent event = accepted(request.event());
            if (event == null) {
                reply(request, new LogEntry.Reply(request.requestId(), Rejection.storageUnavailable(request.event().eventId()).ack(), null));
                answered.run();
                return;
            }
            owner.submit(event, ack -> {
                reply(request, new LogEntry.Reply(request.requestId(), ack, null));
                answered.run();
            });
        }
    }

    /** The event as the edge accepted it, with the device from this instance's registry (null if it does not know it yet). */
    private AcceptedEvent accepted(LogEntry.Event event) {
        RegisteredDevice device = registry.find(event.deviceId()).orElse(null);
        if (device == null) {
            log.warn("Event {} names device {}, unknown here; the sender is told to resend", event.eventId(), event.deviceId());
            return null;
        }
        return new AcceptedEvent(event.eventId(), device, SignalType.valueOf(event.type()), event.occurredAt(),
                event.receivedAt(), event.payloadJson());
    }

    private void reply(LogEntry.Request request, LogEntry.Reply reply) {
        try {
            producer.send(new ProducerRecord<>(cluster.replyTopic(request.replyTo()), 0, request.wardCode(),
                    json.writeValueAsBytes(reply)));
        } catch (IOException | RuntimeException e) {
            log.warn("Answer to {} not sent (it times out there and the sender resends): {}", request.replyTo(), e.toString());
        }
    }

    private void heartbeat(ConsumerRecord<String, byte[]> record) {
        try {
            LogEntry.Heartbeat heartbeat = json.readValue(record.value(), LogEntry.Heartbeat.class);
            supervision.heard(heartbeat.deviceId(), heartbeat.at());
        } catch (IOException e) {
            log.warn("Unreadable heartbeat skipped: {}", e.toString());
        }
    }

    /** Explicit backpressure between the poll loop and the owner's stage. */
    private void pace() {
        int waiting = owner.waiting();
        Set<TopicPartition> mine = wardLogPartitions(consumer.assignment());
        if (!paused && waiting > cluster.pauseAbove()) {
            consumer.pause(mine);
            paused = true;
            pauses.increment();
        } else if (paused && waiting < cluster.resumeBelow()) {
            mine.removeIf(tp -> loading.contains(tp.partition()));
            consumer.resume(mine);
            paused = false;
        }
    }

    private void resumeLoaded() {
        Collection<TopicPartition> ready;
        while ((ready = loaded.poll()) != null) {
            Set<TopicPartition> still = new java.util.HashSet<>(ready);
            still.retainAll(consumer.assignment());
            still.forEach(tp -> loading.remove(tp.partition()));
            if (!paused) {
                consumer.resume(still);
            }
            log.info("Serving wards {}", partitions.wardsOf(still.stream().map(TopicPartition::partition).toList()));
        }
    }

    /** Commits, per partition, up to the first offset not yet answered. */
    private void commitAnswered(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffset.forEach((partition, next) -> {
            ConcurrentSkipListSet<Long> open = unanswered.get(partition);
            long upTo = open == null || open.isEmpty() ? next : Math.min(next, open.first());
            if (!Long.valueOf(upTo).equals(committed.get(partition))) {
                offsets.put(new TopicPartition(cluster.wardLogTopic(), partition), new OffsetAndMetadata(upTo));
                committed.put(partition, upTo);
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    log.debug("Offsets not committed, retried with the next: {}", error.toString());
                    done.keySet().forEach(tp -> committed.remove(tp.partition()));
                }
            });
        }
    }

    private Set<TopicPartition> wardLogPartitions(Collection<TopicPartition> all) {
        return all.stream().filter(tp -> tp.topic().equals(cluster.wardLogTopic())).collect(Collectors.toSet());
    }

    private static List<Integer> numbers(Collection<TopicPartition> tps) {
        return tps.stream().map(TopicPartition::partition).distinct().toList();
    }

    /** Runs on the poll thread, inside poll(). */
    private final class Handover implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            give(revoked, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            give(lost, false);
        }

        private void give(Collection<TopicPartition> gone, boolean commit) {
            Set<TopicPartition> logParts = wardLogPartitions(gone);
            if (logParts.isEmpty()) {
                return;
            }
            List<Integer> numbers = numbers(logParts);
            Set<String> wards = partitions.wardsOf(numbers);
            try {
                // everything already queued for these wards is answered first, then they are forgotten
                owner.release(wards).block(Duration.ofSeconds(15));
            } catch (RuntimeException e) {
                log.warn("Wards {} released without finishing their queue: {}", wards, e.toString());
            }
            if (commit) {
                try {
                    commitAnswered(true);
                } catch (RuntimeException e) {
                    log.warn("Offsets of released wards not committed ({}); the next owner replays a little more", e.toString());
                }
            }
            numbers.forEach(p -> {
                unanswered.remove(p);
                nextOffset.remove(p);
                committed.remove(p);
                loading.remove(p);
            });
            Set<Integer> left = new java.util.HashSet<>(owned);
            left.removeAll(numbers);
            owned = Set.copyOf(left);
            wards.forEach(ward -> registry.inWard(ward).forEach(d -> supervision.forget(d.id())));
            log.info("Gave up wards {}", wards);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            Set<TopicPartition> logParts = wardLogPartitions(assigned);
            replayHeartbeats(assigned.stream().filter(tp -> tp.topic().equals(cluster.heartbeatTopic())).toList());
            if (logParts.isEmpty()) {
                return;
            }
            List<Integer> numbers = numbers(logParts);
            Set<String> wards = partitions.wardsOf(numbers);
            consumer.pause(logParts);
            loading.addAll(numbers);
            Set<Integer> now = new java.util.HashSet<>(owned);
            now.addAll(numbers);
            owned = Set.copyOf(now);
            replayed.increment(numbers.size());
            owner.own(wards).retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                            .maxBackoff(Duration.ofSeconds(5)))
                    .subscribe(null, error -> log.error("Wards {} could not be loaded", wards, error),
                            () -> loaded.add(logParts));
        }

        private void replayHeartbeats(List<TopicPartition> heartbeatParts) {
            if (heartbeatParts.isEmpty()) {
                return;
            }
            long since = clock.instant().minus(supervisionWindow).toEpochMilli();
            Map<TopicPartition, Long> query = new HashMap<>();
            heartbeatParts.forEach(tp -> query.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(5));
            found.forEach((tp, at) -> {
                if (at != null) {
                    consumer.seek(tp, at.offset());
                } else {
                    consumer.seekToEnd(List.of(tp));
                }
            });
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        PollLoop.join(thread);
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return ClusterPhases.OWNER_LOOP;
    }
}
