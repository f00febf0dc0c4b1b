package kr.anshim.backend.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.ResponderView;
import kr.anshim.backend.incident.AuditTrail;
import kr.anshim.backend.incident.CorrelationPlan;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.backend.incident.IllegalTransitionException;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentLifecycle;
import kr.anshim.api.IncidentStatus;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.StaleIncidents;
import kr.anshim.backend.livefeed.ClusterFanOut;
import kr.anshim.backend.responder.ResponderChangeRefused;
import kr.anshim.backend.responder.ResponderRoster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How a ward owner applies one screen command, in its serial stage (so it never races the alarm
 * batches that correlate into the same incident): the new state, its audit entries and any
 * dispatch in one transaction, written only over the version read; then the change goes out.
 * An illegal command is answered with the reason and changes nothing.
 */
@Component
class CommandApplication {

    private static final Logger log = LoggerFactory.getLogger(CommandApplication.class);

    /** One open incident per household: reopening may not put a second one beside it. */
    static final String HOUSEHOLD_HAS_ONE = "its household has another open incident; that one takes its signals now";

    private final Correlator correlator;
    private final IncidentStore incidents;
    private final AuditTrail audit;
    private final IncidentLifecycle lifecycle;
    private final ResponderRoster responders;
    private final ChangeFeed changes;
    private final ClusterFanOut fanOut;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Counter staleWrites;

    CommandApplication(Correlator correlator, IncidentStore incidents, AuditTrail audit, IncidentLifecycle lifecycle,
                       ResponderRoster responders, ChangeFeed changes, ClusterFanOut fanOut, TransactionalOperator tx,
                       Clock clock, MeterRegistry meters) {
        this.correlator = correlator;
        this.incidents = incidents;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.responders = responders;
        this.changes = changes;
        this.fanOut = fanOut;
        this.tx = tx;
        this.clock = clock;
        this.staleWrites = StaleIncidents.counter(meters, "command");
    }

    /** Applies {@code command} to its incident if it is in {@code wardCode} and the caller's wards (null: all). */
    Mono<CommandResult> apply(String wardCode, IncidentCommand command, Set<String> callerWards) {
        String notFound = "no incident " + command.incidentId() + " in your wards";
        return current(command.incidentId())
                .filter(before -> before.wardCode().equals(wardCode)
                        && (callerWards == null || callerWards.contains(before.wardCode())))
                .flatMap(before -> apply(before, command))
                .switchIfEmpty(Mono.fromSupplier(() -> CommandResult.refused(notFound, null)));
    }

    private Mono<Incident> current(UUID id) {
        return correlator.openIncident(id).map(Mono::just).orElseGet(() -> incidents.byId(id));
    }

    private Mono<CommandResult> apply(Incident before, IncidentCommand command) {
        if (command.action() == IncidentCommand.Action.REOPEN && correlator.openAt(before.householdId())
                .filter(open -> !open.id().equals(before.id())).isPresent()) {
            return Mono.just(CommandResult.refused(HOUSEHOLD_HAS_ONE, before.view()));
        }
        IncidentLifecycle.Change change;
        try {
            change = lifecycle.apply(before, command, clock.instant());
        } catch (IllegalTransitionException refused) {
            return Mono.just(CommandResult.refused(refused.getMessage(), before.view()));
        }
        Incident after = change.after();
        Mono<Void> assign = change.dispatch()
                .map(d -> responders.assign(d.responderId(), d.incidentId()).then())
                .orElse(Mono.empty());
        Mono<Void> store = incidents.write(List.of(after), id -> before.version())
                .then(audit.append(change.transitions()))
                .then(change.dispatch().map(audit::recordDispatch).orElse(Mono.empty()))
                .then(fanOut.announce(List.of(after.id())))
                .as(tx::transactional)
                .onErrorResume(error -> release(change).then(Mono.error(error)));
        return assign
                .then(store)
                .then(Mono.fromRunnable(() -> {
                    correlator.commit(CorrelationPlan.of(after));
                    changes.committed(List.of(after));
                }))
                .then(followResponders(before, after))
                .thenReturn(CommandResult.ok(after.view()))
                .onErrorResume(ResponderChangeRefused.class,
                        refused -> Mono.just(CommandResult.refused(refused.getMessage(), before.view())))
                .onErrorResume(StaleIncidents.class, stale -> refreshed(before));
    }

    /**
     * The incident changed under another writer since this owner read it: nothing was stored; the
     * operator is shown its stored state and decides again (an acknowledgement made elsewhere is
     * never undone by a command planned on the older state).
     */
    private Mono<CommandResult> refreshed(Incident before) {
        staleWrites.increment();
        log.info("Command on incident {} refused: changed by another writer since version {}", before.id(), before.version());
        return incidents.byId(before.id())
                .doOnNext(fresh -> {
                    correlator.commit(CorrelationPlan.of(fresh));
                    changes.committed(List.of(fresh));
                })
                .map(fresh -> CommandResult.refused("the incident changed meanwhile (now " + fresh.status()
                        + ", version " + fresh.version() + "); look again and repeat if still needed", fresh.view()));
    }

    /** The responders on this incident follow its state: en route, on scene, returning when it ends. */
    private Mono<Void> followResponders(Incident before, Incident after) {
        if (before.status() == after.status()) {
            return Mono.empty();
        }
        String next = switch (after.status()) {
            case EN_ROUTE -> "EN_ROUTE";
            case ON_SCENE -> "ON_SCENE";
            default -> after.status().isClosed() ? "RETURNING" : null;
        };
        if (next == null) {
            return Mono.empty();
        }
        return Flux.fromIterable(responders.all())
                .filter(r -> after.id().equals(r.incidentId()) && !r.status().equals(next))
                .concatMap(r -> move(r, after.status() == IncidentStatus.CANCELLED && "DISPATCHED".equals(r.status())
                        ? "AVAILABLE" : next))
                .then();
    }

    private Mono<ResponderView> move(ResponderView responder, String status) {
        return responders.updateStatus(responder.id(), status)
                .onErrorResume(error -> {
                    log.info("Responder {} stays {}: {}", responder.id(), responder.status(), error.getMessage());
                    return Mono.empty();
                });
    }

    /** The incident was not stored after its responder was assigned: make the responder available again. */
    private Mono<Void> release(IncidentLifecycle.Change change) {
        return change.dispatch()
                .map(d -> responders.updateStatus(d.responderId(), "AVAILABLE").onErrorResume(e -> Mono.empty()).then())
                .orElse(Mono.empty());
    }
}
