/**
 * The alarm pipeline's stages, the same in both modes:
 * <ol>
 *   <li><b>intake</b> ({@code ingest.DeviceIngest}): sheds past capacity, validates, answers every frame;</li>
 *   <li><b>log</b> ({@link kr.anshim.backend.pipeline.WardLog}): carries accepted events and screen commands to
 *   their ward's owner and the owner's answer back. Standalone: {@link kr.anshim.backend.pipeline.LocalWardLog},
 *   in memory; cluster: {@code cluster.KafkaWardLog}, a Kafka topic partitioned by ward;</li>
 *   <li><b>ward owner</b> ({@link kr.anshim.backend.pipeline.WardOwner}): the one writer of its wards' incidents;
 *   applies events (in group-commit batches), commands and aging one after another, in one order;</li>
 *   <li><b>incident writer</b> ({@link kr.anshim.backend.pipeline.IncidentWriter}): one transaction per batch,
 *   events, incidents (each over the version read) and audit together;</li>
 *   <li><b>change feed</b> ({@link kr.anshim.backend.pipeline.ChangeFeed}): committed changes to every instance's
 *   screens (standalone: the live feed directly; cluster: a Kafka topic every instance reads).</li>
 * </ol>
 * Standalone and cluster differ only in the log and the change feed's transport.
 */
package kr.anshim.backend.pipeline;
