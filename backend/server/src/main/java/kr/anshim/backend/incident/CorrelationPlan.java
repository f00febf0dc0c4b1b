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
 */
public record CorrelationPlan(Map<UUID, UUID> incidentOfEvent, Map<UUID, Incident> changed, List<Signal> loitering,
                              List<Transition> transitions) {

    /** A plan that only records incidents changed elsewhere (a command, another instance). */
    public static CorrelationPlan of(Incident changed) {
        return new CorrelationPlan(Map.of(), Map.of(changed.id(), changed), List.of(), List.of());
    }

    public Optional<UUID> incidentOf(UUID eventId) {
        return Optional.ofNullable(incidentOfEvent.get(eventId));
    }

    public Collection<Incident> changedIncidents() {
        return changed.values();
    }
}
