package kr.anshim.backend.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.UUID;

/**
 * Cluster mode ({@code anshim.cluster.enabled=true}, brokers in {@code spring.kafka.bootstrap-servers}).
 *
 * @param enabled           off by default: standalone, no broker
 * @param instanceId        this instance's name in the cluster; its answers come back on {@code <prefix>.replies.<instanceId>}
 * @param topicPrefix       prefix of every topic
 * @param partitions        partitions of the ward-keyed topics (the 25 wards: one each)
 * @param replicationFactor replicas per partition (3 in production, 1 on one broker)
 * @param minInsyncReplicas replicas that must have a record before the broker acknowledges it
 * @param replyTimeout      how long an edge waits for the owner's answer before telling the device to resend
 * @param sessionTimeout    how long the group waits for a silent owner before its wards move
 * @param maxWaiting        events an edge holds awaiting their owners' answers (past it: OVERLOADED)
 * @param pauseAbove        the owner pauses its partitions when this many events wait for its stage
 * @param resumeBelow       ... and resumes them below this
 */
@ConfigurationProperties("anshim.cluster")
public record ClusterProperties(@DefaultValue("false") boolean enabled, String instanceId,
                                @DefaultValue("anshim") String topicPrefix,
                                @DefaultValue("25") int partitions,
                                @DefaultValue("1") short replicationFactor,
                                @DefaultValue("1") int minInsyncReplicas,
                                @DefaultValue("PT10S") Duration replyTimeout,
                                @DefaultValue("PT6S") Duration sessionTimeout,
                                @DefaultValue("8000") int maxWaiting,
                                @DefaultValue("4000") int pauseAbove,
                                @DefaultValue("1000") int resumeBelow) {

    public ClusterProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = UUID.randomUUID().toString().substring(0, 8);
        }
    }

    String wardLogTopic() {
        return topicPrefix + ".ward-log";
    }

    String heartbeatTopic() {
        return topicPrefix + ".heartbeats";
    }

    String changesTopic() {
        return topicPrefix + ".incident-changes";
    }

    String replyTopic() {
        return replyTopic(instanceId);
    }

    String replyTopic(String instance) {
        return topicPrefix + ".replies." + instance;
    }
}
