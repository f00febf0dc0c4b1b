package kr.anshim.api;

import java.time.Instant;
import java.util.UUID;

/** A shift handover of one ward's console; pending until the incoming operator acknowledges it. */
public record Handover(UUID id, String wardCode, String outgoing, Instant createdAt, String note, HandoverSummary summary,
                       String acknowledgedBy, Instant acknowledgedAt) {

    public boolean pending() {
        return acknowledgedAt == null;
    }
}
