package kr.anshim.backend.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.IncidentView;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.livefeed.LiveFeed;
import kr.anshim.backend.pipeline.ChangeFeed;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Cluster: a ward owner's committed changes go on the changes topic (partitioned by ward, so one
 * ward's changes stay in commit order), and every instance reads all of it for its own screens.
 * A screen's stream is still the versioned snapshot-then-changes protocol (docs/live-feed.md): the
 * snapshot is read from PostgreSQL after the screen started listening here, and a change is put on
 * the topic only after its commit, so nothing committed after the snapshot can be missed, and the
 * client drops anything not newer than what it holds.
 */
final class KafkaChangeFeed implements ChangeFeed, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaChangeFeed.class);

    private final ClusterProperties cluster;
    private final KafkaClients clients;
    private final WardPartitions partitions;
    private final LiveFeed liveFeed;
    private final ObjectMapper json;
    private final Counter unsent;
    private final Sinks.One<Void> started = Sinks.one();
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile PollLoop loop;

    KafkaChangeFeed(ClusterProperties cluster, KafkaClients clients, WardPartitions partitions, LiveFeed liveFeed,
                    ObjectMapper json, MeterRegistry meters) {
        this.cluster = cluster;
        this.clients = clients;
        this.partitions = partitions;
        this.liveFeed = liveFeed;
        this.json = json;
        this.unsent = Counter.builder("anshim.cluster.changes.unsent")
                .description("Committed changes the brokers did not take (screens catch up at their next change or snapshot)")
                .register(meters);
    }

    /** Completes once this instance reads the topic, so its screens miss nothing committed from then on. */
    Mono<Void> ready() {
        return started.asMono();
    }

    @Override
    public void committed(Collection<Incident> changed) {
        KafkaProducer<String, byte[]> p = producer;
        for (Incident incident : changed) {
            if (p == null) {
                unsent.increment();
                continue;
            }
            try {
                p.send(new ProducerRecord<>(cluster.changesTopic(), partitions.partitionOf(incident.wardCode()),
                        incident.id().toString(), json.writeValueAsBytes(incident.view())), (metadata, error) -> {
                    if (error != null) {
                        unsent.increment();
                        log.warn("Change of incident {} not sent: {}", incident.id(), error.toString());
                    }
                });
            } catch (IOException | RuntimeException e) {
                unsent.increment();
                log.warn("Change of incident {} not sent: {}", incident.id(), e.toString());
            }
        }
    }

    @Override
    public void start() {
        producer = clients.producer("changes");
        KafkaConsumer<String, byte[]> reader = clients.reader("changes");
        List<TopicPartition> all = reader.partitionsFor(cluster.changesTopic()).stream()
                .map((PartitionInfo info) -> new TopicPartition(info.topic(), info.partition())).toList();
        reader.assign(all);
        reader.seekToEnd(all);
        all.forEach(reader::position);
        loop = new PollLoop("anshim-changes-" + cluster.instanceId(), reader, record -> publish(record.value()), log);
        loop.start();
        started.tryEmitEmpty();
    }

    private void publish(byte[] value) {
        try {
            liveFeed.publish(json.readValue(value, IncidentView.class));
        } catch (IOException e) {
            log.warn("Unreadable change skipped: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        PollLoop l = loop;
        if (l != null) {
            l.stop();
        }
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && loop.isRunning();
    }

    @Override
    public int getPhase() {
        return ClusterPhases.EDGE;
    }
}
