package kr.anshim.backend.incident;

import kr.anshim.backend.ranking.SeverityRanking;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Folds signals into incidents: signals from one household within the window join its open
 * incident, whose kind and score step up. Planning is side-effect free; {@link #commit} applies a
 * plan once its batch is durably stored, so a failed transaction leaves no trace here.
 * Plans are made by one stage at a time (the journal's serial commit stage).
 */
@Component
public class Correlator {

    private final SeverityRanking ranking;
    private final Clock clock;
    private final Duration window;
    private final Supplier<UUID> ids;
    private final Map<String, Incident> openByHousehold = new ConcurrentHashMap<>();

    @Autowired
    Correlator(SeverityRanking ranking, Clock clock,
               @Value("${anshim.correlation.window:PT10M}") Duration window) {
        this(ranking, clock, window, UUID::randomUUID);
    }

    Correlator(SeverityRanking ranking, Clock clock, Duration window, Supplier<UUID> ids) {
        this.ranking = ranking;
        this.clock = clock;
        this.window = window;
        this.ids = ids;
    }

    public CorrelationPlan plan(List<Signal> signals) {
        Instant now = clock.instant();
        Map<String, Incident> working = new HashMap<>();
        Map<UUID, UUID> incidentOfEvent = new HashMap<>();
        Map<UUID, Incident> changed = new LinkedHashMap<>();
        signals.stream().sorted(Comparator.comparing(Signal::occurredAt)).forEach(signal -> {
            Incident current = working.getOrDefault(signal.householdId(), openByHousehold.get(signal.householdId()));
            Incident next = fold(current, signal, now);
            if (next != null) {
                working.put(signal.householdId(), next);
                changed.put(next.id(), next);
                incidentOfEvent.put(signal.eventId(), next.id());
            }
        });
        return new CorrelationPlan(incidentOfEvent, changed);
    }

    public void commit(CorrelationPlan plan) {
        plan.changedIncidents().forEach(this::remember);
    }

    /** Replaces the in-memory state, e.g. from the open incidents in the database at start-up. */
    public void load(Collection<Incident> open) {
        openByHousehold.clear();
        open.forEach(this::remember);
    }

    public Collection<Incident> open() {
        return List.copyOf(openByHousehold.values());
    }

    private Incident fold(Incident current, Signal signal, Instant now) {
        if (current != null && current.status().open() && withinWindow(current, signal)) {
            return current.with(signal, ranking, now);
        }
        return signal.opensIncident() ? Incident.open(ids.get(), signal, ranking, now) : null;
    }

    private boolean withinWindow(Incident incident, Signal signal) {
        return !signal.occurredAt().isAfter(incident.lastSignalAt().plus(window));
    }

    private void remember(Incident incident) {
        if (incident.householdId() == null) {
            return;
        }
        if (incident.status().open()) {
            openByHousehold.put(incident.householdId(), incident);
        } else {
            openByHousehold.remove(incident.householdId(), incident);
        }
    }
}
