package kr.anshim.backend.welfare;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import kr.anshim.api.CommandResult;
import kr.anshim.api.welfare.ContactRequest;
import kr.anshim.api.welfare.OutcomeRequest;
import kr.anshim.backend.incident.Incident;
import kr.anshim.api.IncidentStatus;
import kr.anshim.backend.incident.Transition;
import kr.anshim.backend.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The officer's answers to a welfare incident, under their own name and only for incidents they see
 * ({@link OfficerScope}): a contact (the first one is measured), and the outcome, which closes it.
 * Both are in the incident's audit trail. The times from the threshold (or the visit's overrun) to the
 * first contact and to the outcome are recorded per ward ({@code anshim.welfare.time.to.*}).
 */
@Component
class WelfareOutcomes {

    private static final Logger log = LoggerFactory.getLogger(WelfareOutcomes.class);
    private static final int MAX_NOTE = 500;

    private final WelfareSignals signals;
    private final WelfareAlerts alerts;
    private final Enrolments enrolments;
    private final OfficerScope scope;
    private final Clock clock;
    private final MeterRegistry meters;

    WelfareOutcomes(WelfareSignals signals, WelfareAlerts alerts, Enrolments enrolments, OfficerScope scope, Clock clock,
                    MeterRegistry meters) {
        this.signals = signals;
        this.alerts = alerts;
        this.enrolments = enrolments;
        this.scope = scope;
        this.clock = clock;
        this.meters = meters;
    }

    Mono<CommandResult> contact(ContactRequest request, Caller caller) {
        if (request == null || request.incidentId() == null || tooLong(request.note())) {
            return Mono.just(CommandResult.refused("incidentId is required; a note is at most 500 characters", null));
        }
        return answer(request.incidentId(), caller, incident -> {
            Instant now = clock.instant();
            Incident after = incident.touched(now);
            String note = "welfare contact" + (blank(request.note()) ? "" : ": " + request.note().strip());
            return new WelfareSignals.Changed(incident, after, List.of(new Transition(after.id(), now, caller.id(), "NOTE", null, null, note)),
                    alerts.contacted(after.id(), caller.id(), now).doOnNext(first -> {
                        if (first) {
                            record("first.contact", after, now);
                        }
                    }).then());
        });
    }

    Mono<CommandResult> outcome(OutcomeRequest request, Caller caller) {
        if (request == null || request.incidentId() == null || request.outcome() == null || tooLong(request.note())) {
            return Mono.just(CommandResult.refused("incidentId and outcome are required; a note is at most 500 characters", null));
        }
        return answer(request.incidentId(), caller, incident -> {
            Instant now = clock.instant();
            Incident after = incident.withStatus(IncidentStatus.RESOLVED, request.outcome().name(), now);
            String note = "welfare outcome " + request.outcome() + (blank(request.note()) ? "" : ": " + request.note().strip());
            WelfareAlerts.Owner owner = alerts.owner(incident.id()).orElseThrow();
            Mono<Void> rows = alerts.contacted(after.id(), caller.id(), now)
                    .doOnNext(first -> {
                        if (first) {
                            record("first.contact", after, now);
                        }
                    })
                    .then(alerts.closed(after.id(), request.outcome().name(), caller.id(), now))
                    .doOnNext(closed -> record("outcome", after, now))
                    .then(owner.visit() ? Mono.empty() : enrolments.answered(owner.householdId()));
            return new WelfareSignals.Changed(incident, after, List.of(Transition.status(incident, after, caller.id(), note)), rows);
        });
    }

    private Mono<CommandResult> answer(UUID id, Caller caller, java.util.function.Function<Incident, WelfareSignals.Changed> change) {
        String notFound = "no welfare incident " + id + " of yours";
        return signals.change(id, incident -> {
                    if (!scope.sees(caller, incident.id(), incident.wardCode(), incident.kind().name())) {
                        return Mono.empty();
                    }
                    if (!incident.status().open()) {
                        return Mono.error(new IllegalStateException("incident " + id + " is closed already (" + incident.outcome() + ")"));
                    }
                    return Mono.just(change.apply(incident));
                })
                .map(after -> CommandResult.ok(OfficerScope.masked(caller, after.view())))
                .defaultIfEmpty(CommandResult.refused(notFound, null))
                .onErrorResume(IllegalStateException.class, closed -> Mono.just(CommandResult.refused(closed.getMessage(), null)))
                .onErrorResume(error -> {
                    log.warn("Welfare answer on {} not stored: {}", id, error.toString());
                    return Mono.just(CommandResult.refused("not stored, try again: " + error.getMessage(), null));
                });
    }

    private void record(String what, Incident incident, Instant now) {
        alerts.owner(incident.id()).ifPresent(owner -> Timer.builder("anshim.welfare.time.to." + what)
                .description("From a welfare alert's due time (threshold passed, visit overdue) to the officer's " + what.replace('.', ' '))
                .tag("ward", owner.wardCode()).tag("kind", owner.kind())
                .publishPercentiles(0.5, 0.9)
                .register(meters)
                .record(Duration.between(owner.dueAt(), now).isNegative() ? Duration.ZERO : Duration.between(owner.dueAt(), now)));
    }

    private static boolean tooLong(String note) {
        return note != null && note.length() > MAX_NOTE;
    }

    private static boolean blank(String note) {
        return note == null || note.isBlank();
    }
}
