/**
 * Cluster mode on Apache Kafka: the ward log between intake and the ward owners is a topic
 * partitioned by ward, the consumer group gives every ward exactly one owner, and incident changes
 * reach every instance's screens through a changes topic. See docs/cluster.md.
 */
package kr.anshim.backend.cluster;
