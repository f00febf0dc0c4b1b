package kr.anshim.backend.operations;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.BulkAcknowledge;
import kr.anshim.api.BulkAcknowledge.Answer;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.backend.ranking.Severity;
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
 * (the operator selected that incident itself): a critical alarm must not be silenced as part of a
 * crowd. A request of more than {@value BulkAcknowledge#MAX} incidents is refused whole.
 */
@Component
class BulkAcknowledgement {

    static final String TOO_MANY = "at most " + BulkAcknowledge.MAX + " incidents may be acknowledged at once";
    static final String CRITICAL_ONE_BY_ONE = "a critical incident is acknowledged in bulk only when selected itself";

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

    private Mono<Answer> one(UUID id, BulkAcknowledge request, Caller caller) {
        IncidentCommand command = IncidentCommand.of(id, IncidentCommand.Action.ACKNOWLEDGE, caller.id())
                .withNote(request.note());
        boolean confirmed = request.criticalConfirmed().contains(id);
        return commands.execute(command, caller, before -> !confirmed && before.ranking().severity() == Severity.CRITICAL
                        ? CRITICAL_ONE_BY_ONE : null)
                .map(result -> new Answer(id, result));
    }
}
