package kr.anshim.backend.operations;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.IncidentLifecycle;
import kr.anshim.backend.pipeline.WardLog;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.ScreenViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * Screen commands at the edge: the caller's role and wards are checked here, the actor is always
 * the signed-in user, and the command travels through the ward log to the owner of the incident's
 * ward, which applies it in order with the ward's alarms and answers.
 */
@Component
public class IncidentCommands {

    private static final Logger log = LoggerFactory.getLogger(IncidentCommands.class);

    private final WardLog wardLog;
    private final IncidentStore incidents;
    private final MeterRegistry meters;
    private final IncidentLifecycle lifecycle;
    private final Clock clock;

    IncidentCommands(WardLog wardLog, IncidentStore incidents, MeterRegistry meters, IncidentLifecycle lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.wardLog = wardLog;
        this.incidents = incidents;
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
        // an incident's ward never changes, so the edge may read it from the store to route the command
        return incidents.byIdForScreens(command.incidentId())
                .filter(incident -> caller.sees(incident.wardCode()))
                .flatMap(incident -> wardLog.command(incident.wardCode(), command, scope(caller)))
                .switchIfEmpty(Mono.fromSupplier(() -> CommandResult.refused(notFound, null)))
                .onErrorResume(error -> {
                    log.warn("Command {} on {} not stored: {}", command.action(), command.incidentId(), error.toString());
                    return Mono.just(CommandResult.refused("not stored, try again: " + error.getMessage(), null));
                })
                .map(result -> counted(forCaller(result, caller), command.action().name()));
    }

    /** The answer's incident as the caller's screen shows it: masked where due, with the caller's next steps. */
    private CommandResult forCaller(CommandResult result, Caller caller) {
        return result.incident() == null ? result : new CommandResult(result.accepted(), result.error(),
                ScreenViews.forCaller(caller, result.incident(), lifecycle, clock.instant()));
    }

    /** The wards the owner lets this caller act in; null for a supervisor's every ward. */
    private static java.util.Set<String> scope(Caller caller) {
        return caller.role() == kr.anshim.backend.security.Role.SUPERVISOR ? null : caller.wards();
    }

    private CommandResult counted(CommandResult result, String action) {
        meters.counter("anshim.incident.commands", "action", action, "outcome", result.accepted() ? "accepted" : "refused")
                .increment();
        return result;
    }
}
