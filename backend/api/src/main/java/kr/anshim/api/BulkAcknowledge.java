package kr.anshim.api;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Acknowledge a group of incidents at once (route {@link Routes#INCIDENTS_ACKNOWLEDGE}), e.g. one
 * building's loitering alarms during a flood. Each incident is acknowledged as one
 * {@link IncidentCommand.Action#ACKNOWLEDGE} would be: its own legal-transition check, its own
 * audit entry, its own answer. A CRITICAL incident is acknowledged in bulk only if it is also in
 * {@code criticalConfirmed}, i.e. the operator selected that very incident; otherwise it is refused
 * and stays NEW, sounding, for a look of its own.
 *
 * @param incidentIds       at most {@value #MAX} incidents
 * @param criticalConfirmed the critical ones among them the operator selected one by one
 * @param note              optional, recorded with each acknowledgement
 */
public record BulkAcknowledge(List<UUID> incidentIds, Set<UUID> criticalConfirmed, String note) {

    public static final int MAX = 200;

    public BulkAcknowledge {
        incidentIds = incidentIds == null ? List.of() : List.copyOf(incidentIds);
        criticalConfirmed = criticalConfirmed == null ? Set.of() : Set.copyOf(criticalConfirmed);
    }

    /** One incident's answer. */
    public record Answer(UUID incidentId, CommandResult result) {
    }
}
