package kr.anshim.backend.cluster;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What travels on the cluster's topics, as JSON. */
final class LogEntry {

    private LogEntry() {
    }

    /** On the ward log: an accepted event or a command, and where its answer goes. */
    record Request(UUID requestId, String replyTo, String wardCode, Event event, IncidentCommand command,
                   Set<String> callerWards) {
    }

    /** An accepted event as intake validated it; the owner finds the device in its registry. */
    record Event(UUID eventId, String deviceId, String type, Instant occurredAt, Instant receivedAt, String payloadJson) {
    }

    /** On an edge's reply topic: the owner's answer to one request. */
    record Reply(UUID requestId, Ack ack, CommandResult result) {
    }

    /** On the heartbeat topic, keyed like the ward log: the owner of the device's ward judges its silence. */
    record Heartbeat(String deviceId, Instant at) {
    }
}
