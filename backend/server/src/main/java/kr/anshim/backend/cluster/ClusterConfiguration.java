package kr.anshim.backend.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.DeviceSupervision;
import kr.anshim.backend.livefeed.LiveFeed;
import kr.anshim.backend.pipeline.WardOwner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * Cluster mode's parts, present only with {@code anshim.cluster.enabled=true}: the Kafka ward log
 * (edge), the owner's poll loop, and the change feed every instance reads. The brokers are
 * {@code spring.kafka.bootstrap-servers}; the topics are created at start-up if missing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "anshim.cluster.enabled", havingValue = "true")
class ClusterConfiguration {

    @Bean
    KafkaClients kafkaClients(KafkaProperties kafka, ClusterProperties cluster) throws InterruptedException {
        KafkaClients clients = new KafkaClients(kafka.buildProducerProperties(null), kafka.buildConsumerProperties(null),
                kafka.buildAdminProperties(null), cluster);
        clients.createTopics();
        return clients;
    }

    @Bean
    WardPartitions wardPartitions(ClusterProperties cluster) {
        return new WardPartitions(cluster.partitions());
    }

    @Bean
    KafkaChangeFeed kafkaChangeFeed(ClusterProperties cluster, KafkaClients clients, WardPartitions partitions,
                                    LiveFeed liveFeed, ObjectMapper json, MeterRegistry meters) {
        return new KafkaChangeFeed(cluster, clients, partitions, liveFeed, json, meters);
    }

    @Bean
    KafkaWardLog kafkaWardLog(ClusterProperties cluster, KafkaClients clients, WardPartitions partitions, WardOwner owner,
                              KafkaChangeFeed changes, ObjectMapper json, MeterRegistry meters,
                              @org.springframework.beans.factory.annotation.Value("${anshim.journal.queue-time:PT0.4S}") java.time.Duration queueTime) {
        return new KafkaWardLog(cluster, clients, partitions, owner, changes, json, meters, queueTime);
    }

    @Bean
    OwnerLoop ownerLoop(ClusterProperties cluster, KafkaClients clients, WardPartitions partitions, WardOwner owner,
                        DeviceRegistry registry, DeviceSupervision supervision, ObjectMapper json, Clock clock,
                        MeterRegistry meters,
                        @Value("${anshim.supervision.heartbeat-interval:PT30S}") Duration heartbeatInterval,
                        @Value("${anshim.supervision.missed-heartbeats:3}") int missed) {
        return new OwnerLoop(cluster, clients, partitions, owner, registry, supervision, json, clock,
                heartbeatInterval.multipliedBy(missed + 1L), meters);
    }
}
