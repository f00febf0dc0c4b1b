package kr.anshim.backend.operations;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.BulkAcknowledge;
import kr.anshim.api.BulkAcknowledge.Answer;
import kr.anshim.api.IncidentCommand;
import kr.anshim.backend.security.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Acknowledges a selected group of incidents during a flood. Each incident goes through
 * {@link IncidentCommands#execute} one after the other, so each has its own ward check, legal
 * transition check, audit entry and answer; one refusal never stops the rest. A CRITICAL
 * incident is acknowledged only if the request names it in {@link BulkAcknowledge#criticalConfirmed()}
 * (the operator selected that incident itself): the others go as {@link IncidentCommand#BULK}
 * acknowledgements, which the state machine refuses for a critical incident as it stands when the
 * ward's owner applies it, so a critical alarm is never silenced as part of a crowd. A request of more than {@value BulkAcknowledge#MAX} incidents is refused whole.
 */
@Component
class BulkAcknowledgement {

    static final String TOO_MANY = "at most " + BulkAcknowledge.MAX + " incidents may be acknowledged at once";
    static final String CRITICAL_ONE_BY_ONE = kr.anshim.backend.incident.IncidentLifecycle.CRITICAL_ONE_BY_ONE;

    private final IncidentCommands commands;
    private final MeterRegistry meters;

    BulkAcknowledgement(IncidentCommands commands, MeterRegistry meters) {
        this.commands = commands;
        this.meters = meters;
    }

    Mono<List<Answer>> acknowledge(BulkAcknowledge request, Caller caller) {
        if (request == null || request.incidentIds().isEmpty()) {
            return Mono.error(new IllegalArgumentException("name the incidents to acknowledge"));
        }
        if (request.incidentIds().size() > BulkAcknowledge.MAX) {
            meters.counter("anshim.incident.bulk", "outcome", "too_many").increment();
            return Mono.error(new IllegalArgumentException(TOO_MANY));
        }
        meters.counter("anshim.incident.bulk", "outcome", "accepted").increment();
        return Flux.fromIterable(new LinkedHashSet<>(request.incidentIds()))
                .concatMap(id -> one(id, request, caller))
                .collectList();
    }

    /** A critical incident the operator selected itself goes as a plain acknowledgement; any other as part of the group. */
    private Mono<Answer> one(UUID id, BulkAcknowledge request, Caller caller) {
        IncidentCommand command = IncidentCommand.of(id, IncidentCommand.Action.ACKNOWLEDGE, caller.id())
                .withNote(request.note());
        IncidentCommand sent = request.criticalConfirmed().contains(id) ? command : command.withValue(IncidentCommand.BULK);
        return commands.execute(sent, caller).map(result -> new Answer(id, result));
    }
}
