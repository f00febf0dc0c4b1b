package kr.anshim.backend.operations;

import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.Routes;
import kr.anshim.api.TransitionView;
import kr.anshim.backend.incident.AuditTrail;
import kr.anshim.backend.security.Callers;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.UUID;

import static kr.anshim.api.ConnectionCredentials.Kind.SERVICE;

/** Request-response commands and the audit trail, for the screens (service connections) only. */
@Controller
class IncidentRoutes {

    private final IncidentCommands commands;
    private final AuditTrail audit;

    IncidentRoutes(IncidentCommands commands, AuditTrail audit) {
        this.commands = commands;
        this.audit = audit;
    }

    @MessageMapping(Routes.INCIDENT_COMMAND)
    Mono<CommandResult> command(IncidentCommand command) {
        return Callers.require(SERVICE).flatMap(caller -> commands.execute(command));
    }

    @MessageMapping(Routes.INCIDENT_HISTORY)
    Flux<TransitionView> history(String incidentId) {
        return Callers.require(SERVICE).flatMapMany(caller -> {
            UUID id;
            try {
                id = UUID.fromString(incidentId.replace("\"", "").strip());
            } catch (IllegalArgumentException e) {
                return Flux.error(new MessagingException("not an incident id: " + incidentId));
            }
            return audit.history(id);
        });
    }
}
