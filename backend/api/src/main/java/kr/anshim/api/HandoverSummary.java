package kr.anshim.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the outgoing operator hands over for one ward ({@link Routes#HANDOVER_SUMMARY}), generated
 * from the store: the open incidents (each with whether it is stale and its unfinished procedure
 * steps) and the shelved items with their expiries.
 */
public record HandoverSummary(String wardCode, Instant generatedAt, List<OpenIncident> open, List<ShelvedItem> shelved) {

    public HandoverSummary {
        open = List.copyOf(open);
        shelved = List.copyOf(shelved);
    }

    /** @param stale open for 24 hours or more; @param unfinishedSteps procedure steps not yet checked off */
    public record OpenIncident(UUID id, String kind, String severity, String status, Instant openedAt, boolean stale,
                               int unfinishedSteps) {
    }

    public long stale() {
        return open.stream().filter(OpenIncident::stale).count();
    }

    public long withUnfinishedProcedures() {
        return open.stream().filter(i -> i.unfinishedSteps() > 0).count();
    }
}
