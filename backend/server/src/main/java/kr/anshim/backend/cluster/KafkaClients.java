package kr.anshim.backend.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka clients of one instance, configured in one place: Spring Boot's {@code spring.kafka.*}
 * (brokers, and {@code security.protocol}, SSL and SASL settings, which a production cluster needs:
 * whoever can write the ward log can command incidents) under this mode's own settings.
 */
final class KafkaClients {

    private static final Logger log = LoggerFactory.getLogger(KafkaClients.class);

    private final Map<String, Object> producerBase;
    private final Map<String, Object> consumerBase;
    private final Map<String, Object> adminBase;
    private final ClusterProperties cluster;

    KafkaClients(Map<String, Object> producerBase, Map<String, Object> consumerBase, Map<String, Object> adminBase,
                 ClusterProperties cluster) {
        this.producerBase = Map.copyOf(producerBase);
        this.consumerBase = Map.copyOf(consumerBase);
        this.adminBase = Map.copyOf(adminBase);
        this.cluster = cluster;
    }

    /** Idempotent, every record on all in-sync replicas before it counts as sent; a few ms of batching. */
    KafkaProducer<String, byte[]> producer(String name) {
        Map<String, Object> config = new HashMap<>(producerBase);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "anshim-" + cluster.instanceId() + "-" + name);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) cluster.replyTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(5_000, (int) cluster.replyTimeout().toMillis()));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /** The ward owners' group: range assignment, so partition n of every ward-keyed topic has one owner. */
    KafkaConsumer<String, byte[]> ownerConsumer() {
        Map<String, Object> config = consumerBase("owner");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.topicPrefix() + "-ward-owners");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(RangeAssignor.class.getName()));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) cluster.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, cluster.sessionTimeout().toMillis() / 4));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
        return new KafkaConsumer<>(config);
    }

    /** A consumer outside any group (assigned partitions): replies and the change feed. */
    KafkaConsumer<String, byte[]> reader(String name) {
        Map<String, Object> config = consumerBase(name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return new KafkaConsumer<>(config);
    }

    private Map<String, Object> consumerBase(String name) {
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "anshim-" + cluster.instanceId() + "-" + name);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        return config;
    }

    /** Creates the topics this instance needs; ones that exist are left as they are. */
    void createTopics() throws InterruptedException {
        Map<String, String> shortLived = Map.of("retention.ms", "600000",
                "min.insync.replicas", Integer.toString(cluster.minInsyncReplicas()));
        Map<String, String> log = Map.of("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(7)),
                "min.insync.replicas", Integer.toString(cluster.minInsyncReplicas()));
        List<NewTopic> topics = List.of(
                new NewTopic(cluster.wardLogTopic(), cluster.partitions(), cluster.replicationFactor()).configs(log),
                new NewTopic(cluster.heartbeatTopic(), cluster.partitions(), cluster.replicationFactor()).configs(shortLived),
                new NewTopic(cluster.changesTopic(), cluster.partitions(), cluster.replicationFactor()).configs(shortLived),
                new NewTopic(cluster.replyTopic(), 1, cluster.replicationFactor()).configs(shortLived));
        try (Admin admin = Admin.create(adminBase)) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    KafkaClients.log.info("Created topic {} ({} partitions)", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic.name(), e.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("brokers did not answer creating " + topic.name(), e);
                }
            }
        }
    }
}
