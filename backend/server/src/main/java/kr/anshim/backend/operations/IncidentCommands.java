package kr.anshim.backend.operations;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.CommandResult;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.ScreenViews;
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
import kr.anshim.backend.incident.SerialStage;
import kr.anshim.backend.livefeed.ClusterFanOut;
import kr.anshim.backend.livefeed.LiveFeed;
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
import java.util.UUID;

/**
 * Executes incident commands. Each runs in the serial stage (so it never races the alarm batches
 * that correlate into the same incident), stores the new state, its audit entries and any dispatch
 * in one transaction, announces the change to the other backend instances, then publishes it.
 * An illegal command is answered with the reason and changes nothing.
 */
@Component
public class IncidentCommands {

    private static final Logger log = LoggerFactory.getLogger(IncidentCommands.class);

    private final SerialStage stage;
    private final Correlator correlator;
    private final IncidentStore incidents;
    private final AuditTrail audit;
    private final IncidentLifecycle lifecycle;
    private final ResponderRoster responders;
    private final LiveFeed liveFeed;
    private final ClusterFanOut fanOut;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final MeterRegistry meters;

    IncidentCommands(SerialStage stage, Correlator correlator, IncidentStore incidents, AuditTrail audit,
                     IncidentLifecycle lifecycle, ResponderRoster responders, LiveFeed liveFeed, ClusterFanOut fanOut,
                     TransactionalOperator tx, Clock clock, MeterRegistry meters) {
        this.stage = stage;
        this.correlator = correlator;
        this.incidents = incidents;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.responders = responders;
        this.liveFeed = liveFeed;
        this.fanOut = fanOut;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A command on behalf of {@code caller}, a signed-in user: they act under their own name, whatever
     * the command says (nobody names an actor), within their role's permissions and only in their wards.
     */
    public Mono<CommandResult> execute(IncidentCommand requested, Caller caller) {
        if (requested == null || requested.incidentId() == null || requested.action() == null) {
            return Mono.just(counted(CommandResult.refused("incidentId and action are required", null), "INVALID"));
        }
        if (!caller.may(requested.action())) {
            return Mono.just(counted(CommandResult.refused("your role (" + caller.role() + ") may not "
                    + requested.action(), null), requested.action().name()));
        }
        if (!caller.may(requested)) {
            return Mono.just(counted(CommandResult.refused("your role (" + caller.role() + ") may only accept a 112 hand-off"
                    + " an operator or supervisor started, or assign a patrol, not " + requested.value(), null), requested.action().name()));
        }
        IncidentCommand command = new IncidentCommand(requested.incidentId(), requested.action(), caller.id(), requested.value(),
                requested.responderId(), requested.residentRequested(), requested.crimeRiskConfirmed(), requested.note());
        String notFound = "no incident " + command.incidentId() + " in your wards";
        return stage.serially(() -> current(command.incidentId())
                        .filter(before -> caller.sees(before.wardCode()))
                        .flatMap(before -> apply(before, command, caller))
                        .switchIfEmpty(Mono.fromSupplier(() -> CommandResult.refused(notFound, null))))
                .onErrorResume(error -> {
                    log.warn("Command {} on {} not stored: {}", command.action(), command.incidentId(), error.toString());
                    return Mono.just(CommandResult.refused("not stored, try again: " + error.getMessage(), null));
                })
                .map(result -> counted(result, command.action().name()));
    }

    private Mono<Incident> current(UUID id) {
        return correlator.openIncident(id).map(Mono::just).orElseGet(() -> incidents.byId(id));
    }

    private Mono<CommandResult> apply(Incident before, IncidentCommand command, Caller caller) {
        IncidentLifecycle.Change change;
        try {
            change = lifecycle.apply(before, command, clock.instant());
        } catch (IllegalTransitionException refused) {
            return Mono.just(CommandResult.refused(refused.getMessage(), ScreenViews.forCaller(caller, before.view())));
        }
        Incident after = change.after();
        Mono<Void> assign = change.dispatch()
                .map(d -> responders.assign(d.responderId(), d.incidentId()).then())
                .orElse(Mono.empty());
        Mono<Void> store = incidents.upsert(List.of(after))
                .then(audit.append(change.transitions()))
                .then(change.dispatch().map(audit::recordDispatch).orElse(Mono.empty()))
                .then(fanOut.announce(List.of(after.id())))
                .as(tx::transactional)
                .onErrorResume(error -> release(change).then(Mono.error(error)));
        return assign
                .then(store)
                .then(Mono.fromRunnable(() -> {
                    correlator.commit(CorrelationPlan.of(after));
                    liveFeed.publish(after.view());
                }))
                .then(followResponders(before, after))
                .then(Mono.fromSupplier(() -> CommandResult.ok(ScreenViews.forCaller(caller, after.view()))))
                .onErrorResume(ResponderChangeRefused.class,
                        refused -> Mono.just(CommandResult.refused(refused.getMessage(), ScreenViews.forCaller(caller, before.view()))));
    }

    /** The responders on this incident follow its state: en route, on scene, returning when it ends. */
    private Mono<Void> followResponders(Incident before, Incident after) {
        if (before.status() == after.status()) {
            return Mono.empty();
        }
        String next = switch (after.status()) {
            case EN_ROUTE -> "EN_ROUTE";
            case ON_SCENE -> "ON_SCENE";
            case RESOLVED, FALSE_ALARM, CANCELLED -> "RETURNING";
            default -> null;
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

    private CommandResult counted(CommandResult result, String action) {
        meters.counter("anshim.incident.commands", "action", action, "outcome", result.accepted() ? "accepted" : "refused")
                .increment();
        return result;
    }
}
