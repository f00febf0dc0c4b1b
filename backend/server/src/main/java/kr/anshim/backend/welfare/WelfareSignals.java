package kr.anshim.backend.welfare;

import kr.anshim.backend.incident.AuditTrail;
import kr.anshim.backend.incident.CorrelationPlan;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.Signal;
import kr.anshim.backend.incident.Transition;
import kr.anshim.backend.livefeed.ClusterFanOut;
import kr.anshim.backend.pipeline.ChangeFeed;
import kr.anshim.backend.pipeline.WardOwner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Welfare signals (an inactivity lapse, a visit overdue, a team's panic) reach incidents the way
 * alarms do: planned by the {@link Correlator} in the serial stage, so they fold into the household's
 * open incident (an inactivity alert and a door left open rank together), stored with their audit
 * entries and the caller's own rows in one transaction, announced to the other instances, then
 * published (in a cluster the instance's writes are conditional on the version read, so a stale one is
 * refused and raised again at the next check). They are raised by the backend, so they have no device event row of their own: their
 * record is the welfare tables and the incident's audit trail.
 */
@Component
class WelfareSignals {

    private final WardOwner stage;
    private final Correlator correlator;
    private final IncidentStore incidents;
    private final AuditTrail audit;
    private final ClusterFanOut fanOut;
    private final ChangeFeed changes;
    private final TransactionalOperator tx;

    WelfareSignals(WardOwner stage, Correlator correlator, IncidentStore incidents, AuditTrail audit,
                   ClusterFanOut fanOut, ChangeFeed changes, TransactionalOperator tx) {
        this.stage = stage;
        this.correlator = correlator;
        this.incidents = incidents;
        this.audit = audit;
        this.fanOut = fanOut;
        this.changes = changes;
        this.tx = tx;
    }

    /** Folds the signal into its incident; {@code alsoStore} writes the caller's rows in the same transaction. */
    Mono<Incident> raise(Signal signal, Function<Incident, Mono<Void>> alsoStore) {
        return stage.serially(() -> {
            CorrelationPlan plan = correlator.plan(List.of(signal));
            UUID id = plan.incidentOf(signal.eventId()).orElseThrow(
                    () -> new IllegalStateException("a welfare signal always opens or joins an incident"));
            Incident incident = plan.changed().get(id);
            return store(plan, incidents.write(plan), plan.transitions(), alsoStore.apply(incident)).thenReturn(incident);
        });
    }

    /**
     * Changes one incident in the serial stage (an officer's contact or outcome, a team's check-in):
     * {@code change} gets the current state and returns the new one with its audit entries, or empty to refuse.
     */
    Mono<Incident> change(UUID incidentId, Function<Incident, Mono<Changed>> change) {
        return stage.serially(() -> current(incidentId)
                .flatMap(change)
                .flatMap(changed -> store(CorrelationPlan.of(changed.after()),
                        incidents.write(List.of(changed.after()), id -> changed.before().version()),
                        changed.transitions(), changed.alsoStore()).thenReturn(changed.after())));
    }

    /** An incident's new state (written only over the version {@code before} was read at), its audit entries and the welfare rows stored with it. */
    record Changed(Incident before, Incident after, List<Transition> transitions, Mono<Void> alsoStore) {
    }

    Mono<Incident> current(UUID id) {
        return correlator.openIncident(id).map(Mono::just).orElseGet(() -> incidents.byId(id));
    }

    private Mono<Void> store(CorrelationPlan plan, Mono<Void> write, List<Transition> transitions, Mono<Void> alsoStore) {
        return write
                .then(audit.append(transitions))
                .then(alsoStore)
                .then(fanOut.announce(plan.changed().keySet()))
                .as(tx::transactional)
                .then(Mono.fromRunnable(() -> {
                    correlator.commit(plan);
                    changes.committed(plan.changedIncidents());
                }));
    }
}
