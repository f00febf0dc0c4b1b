package kr.anshim.backend.operations;

import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentDetail;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.api.ProtectedAccess;
import kr.anshim.api.Routes;
import kr.anshim.api.SnapshotView;
import kr.anshim.backend.security.Role;
import kr.anshim.api.TransitionView;
import kr.anshim.backend.incident.AuditTrail;
import kr.anshim.backend.security.Callers;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.UUID;

import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/** Request-response commands and the audit trail, for the screens (service connections) only. */
@Controller
class IncidentRoutes {

    private final IncidentCommands commands;
    private final AuditTrail audit;
    private final IncidentStore incidents;
    private final IncidentDetails details;
    private final ProtectedAccessLog accessLog;
    private final BulkAcknowledgement bulk;
    private final IncidentSnapshots snapshots;
    private final EvidenceExports exports;
    private final RecentlyClosed recentlyClosed;

    IncidentRoutes(IncidentCommands commands, AuditTrail audit, IncidentStore incidents, IncidentDetails details,
                   ProtectedAccessLog accessLog, BulkAcknowledgement bulk, IncidentSnapshots snapshots, EvidenceExports exports,
                   RecentlyClosed recentlyClosed) {
        this.snapshots = snapshots;
        this.exports = exports;
        this.recentlyClosed = recentlyClosed;
        this.bulk = bulk;
        this.commands = commands;
        this.audit = audit;
        this.incidents = incidents;
        this.details = details;
        this.accessLog = accessLog;
    }

    /** Supervisors only: who read which protected person's unmasked record. */
    @MessageMapping(Routes.PROTECTED_ACCESS_LOG)
    Flux<ProtectedAccess> accessLog() {
        return Callers.require(USER).flatMapMany(caller -> caller.role() != Role.SUPERVISOR
                ? Flux.error(new MessagingException("only a supervisor may read the protected-person access log"))
                : accessLog.newestFirst());
    }

    @MessageMapping(Routes.INCIDENT_COMMAND)
    Mono<CommandResult> command(IncidentCommand command) {
        return Callers.require(USER).flatMap(caller -> commands.execute(command, caller));
    }

    /** Each incident acknowledged or refused on its own; see {@link BulkAcknowledgement}. */
    @MessageMapping(Routes.INCIDENTS_ACKNOWLEDGE)
    Mono<java.util.List<kr.anshim.api.BulkAcknowledge.Answer>> acknowledge(kr.anshim.api.BulkAcknowledge request) {
        return Callers.require(USER).flatMap(caller -> bulk.acknowledge(request, caller)
                .onErrorMap(IllegalArgumentException.class, refused -> new MessagingException(refused.getMessage())));
    }

    /**
     * Operators and supervisors: what they may still reopen in their wards (see {@link RecentlyClosed});
     * any other role is refused, as it may not reopen.
     */
    @MessageMapping(Routes.INCIDENTS_RECENTLY_CLOSED)
    Flux<kr.anshim.api.IncidentView> recentlyClosed() {
        return Callers.require(USER).flatMapMany(caller -> caller.may(IncidentCommand.Action.REOPEN)
                ? recentlyClosed.of(caller)
                : Flux.error(new MessagingException("your role (" + caller.role() + ") may not REOPEN")));
    }

    @MessageMapping(Routes.INCIDENT_HISTORY)
    Flux<TransitionView> history(String incidentId) {
        return inCallersWards(incidentId, audit::history);
    }

    @MessageMapping(Routes.INCIDENT_DISPATCHES)
    Flux<kr.anshim.api.DispatchView> dispatches(String incidentId) {
        return inCallersWards(incidentId, audit::dispatches);
    }

    /** What {@code read} gives for the incident, if it is in the caller's wards; else an error saying so. */
    private <T> Flux<T> inCallersWards(String incidentId, java.util.function.Function<UUID, Flux<T>> read) {
        return Callers.require(USER).flatMapMany(caller -> id(incidentId)
                .flatMap(id -> incidents.byIdForScreens(id)
                        .filter(incident -> caller.sees(incident.wardCode()))
                        .switchIfEmpty(Mono.error(new MessagingException("no incident " + id + " in your wards"))))
                .flatMapMany(incident -> read.apply(incident.id())));
    }

    @MessageMapping(Routes.INCIDENT_DETAIL)
    Mono<IncidentDetail> detail(String incidentId) {
        return Callers.require(USER).flatMap(caller -> id(incidentId).flatMap(id -> details.detail(id, caller)));
    }

    /** The newest snapshots, a protected person's door hidden or logged like the address ({@link IncidentSnapshots}). */
    @MessageMapping(Routes.INCIDENT_SNAPSHOTS)
    Flux<SnapshotView> snapshots(String incidentId) {
        return Callers.require(USER).flatMapMany(caller -> id(incidentId)
                .flatMap(id -> details.visible(id, caller))
                .flatMap(incident -> snapshots.forCaller(incident, caller, IncidentSnapshots.SHOWN, true))
                .flatMapIterable(list -> list));
    }

    /** The evidence ZIP in chunks; who may export and what is logged: {@link EvidenceExports}. */
    @MessageMapping(Routes.INCIDENT_EXPORT)
    Flux<byte[]> export(String incidentId) {
        return Callers.require(USER).flatMapMany(caller -> id(incidentId).flatMapMany(id -> exports.export(id, caller)));
    }

    private static Mono<UUID> id(String incidentId) {
        try {
            return Mono.just(UUID.fromString(incidentId.replace("\"", "").strip()));
        } catch (IllegalArgumentException e) {
            return Mono.error(new MessagingException("not an incident id: " + incidentId));
        }
    }
}
