package kr.anshim.backend.incident;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one batch of signals does to the incidents, before it is committed.
 *
 * @param incidentOfEvent the incident each event joined (absent for events that open none)
 * @param changed         the incidents that changed, by id, in their final state for this batch
 * @param loitering       loitering signals to remember for prowler detection once committed
 * @param transitions     lifecycle entries for the audit trail (incidents opened or reopened)
 * @param readVersions    the version each changed incident had when the plan read it (0: a new incident);
 *                        the store writes a change only over that version, so a stale plan is refused
 */
public record CorrelationPlan(Map<UUID, UUID> incidentOfEvent, Map<UUID, Incident> changed, List<Signal> loitering,
                              List<Transition> transitions, Map<UUID, Long> readVersions) {

    /** A plan that only records incidents changed elsewhere (a command, another instance, a fresh read). */
    public static CorrelationPlan of(Incident changed) {
        return new CorrelationPlan(Map.of(), Map.of(changed.id(), changed), List.of(), List.of(),
                Map.of(changed.id(), changed.version()));
    }

    /** The version {@code id} had when this plan read it: the only version the store may write over. */
    public long readVersion(UUID id) {
        Long read = readVersions.get(id);
        if (read == null) {
            throw new IllegalStateException("incident " + id + " is not in this plan");
        }
        return read;
    }

    public Optional<UUID> incidentOf(UUID eventId) {
        return Optional.ofNullable(incidentOfEvent.get(eventId));
    }

    public Collection<Incident> changedIncidents() {
        return changed.values();
    }
}
