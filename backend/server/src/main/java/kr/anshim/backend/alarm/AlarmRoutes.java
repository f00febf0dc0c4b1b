package kr.anshim.backend.alarm;

import kr.anshim.api.AlarmAuditEntry;
import kr.anshim.api.AlarmLoadQuery;
import kr.anshim.api.AlarmLoadReport;
import kr.anshim.api.FloodState;
import kr.anshim.api.ConsoleTake;
import kr.anshim.api.Handover;
import kr.anshim.api.HandoverRequest;
import kr.anshim.api.HandoverSummary;
import kr.anshim.api.Procedure;
import kr.anshim.api.ProcedureCheck;
import kr.anshim.api.ProcedureChecklist;
import kr.anshim.api.Routes;
import kr.anshim.api.ShelveRequest;
import kr.anshim.api.ShelveResult;
import kr.anshim.api.ShelvedItem;
import kr.anshim.api.Shelving;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Callers;
import kr.anshim.backend.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * Alarm management's read routes: operator load and the alarm audit for supervisors, the live flood
 * state for anyone who sees the ward. Ward scoping is applied here, whatever the screen asks.
 */
@Controller
class AlarmRoutes {

    private static final Logger log = LoggerFactory.getLogger(AlarmRoutes.class);

    private final AlarmLoadReports reports;
    private final FloodMonitor floods;
    private final AlarmAudit audit;
    private final Shelf shelf;
    private final ChatterSuppression suppression;
    private final Procedures procedures;
    private final Handovers handovers;
    private final Shelving shelving;

    AlarmRoutes(AlarmLoadReports reports, FloodMonitor floods, AlarmAudit audit, Shelf shelf, ChatterSuppression suppression,
                Procedures procedures, Handovers handovers, ShelvingProperties shelvingProperties) {
        this.shelving = new Shelving(shelvingProperties.max().toSeconds());
        this.procedures = procedures;
        this.handovers = handovers;
        this.reports = reports;
        this.floods = floods;
        this.audit = audit;
        this.shelf = shelf;
        this.suppression = suppression;
    }

    @MessageMapping(Routes.PROCEDURE_CHECKLIST)
    Mono<ProcedureChecklist> checklist(String incidentId) {
        return Callers.require(USER).flatMap(caller -> procedures.checklist(caller, parse(incidentId)));
    }

    @MessageMapping(Routes.PROCEDURE_CHECK)
    Mono<ProcedureChecklist> check(ProcedureCheck check) {
        return Callers.require(USER).flatMap(caller -> procedures.check(caller, check.incidentId(), check.stepId()));
    }

    @MessageMapping(Routes.PROCEDURES)
    Flux<Procedure> procedures() {
        return supervisor().flatMapMany(caller -> procedures.all());
    }

    @MessageMapping(Routes.PROCEDURE_SAVE)
    Mono<Procedure> save(Procedure procedure) {
        return Callers.require(USER).flatMap(caller -> procedures.save(caller, procedure));
    }

    @MessageMapping(Routes.HANDOVER_SUMMARY)
    Mono<HandoverSummary> handoverSummary(String ward) {
        return Callers.require(USER).flatMap(caller -> handovers.summary(caller, ward));
    }

    @MessageMapping(Routes.HANDOVER_SUBMIT)
    Mono<Handover> handOver(HandoverRequest request) {
        return Callers.require(USER).flatMap(caller -> handovers.submit(caller, request));
    }

    @MessageMapping(Routes.HANDOVER_ACKNOWLEDGE)
    Mono<Handover> acknowledge(String id) {
        return Callers.require(USER).flatMap(caller -> handovers.acknowledge(caller, parse(id)));
    }

    @MessageMapping(Routes.HANDOVERS_PENDING)
    Flux<Handover> pendingHandovers() {
        return supervisor().flatMapMany(caller -> handovers.pending());
    }

    @MessageMapping(Routes.CONSOLE_TAKE)
    Mono<ConsoleTake> take(String ward) {
        return Callers.require(USER).flatMap(caller -> handovers.take(caller, ward));
    }

    @MessageMapping(Routes.ALARM_SUPPRESSED)
    Flux<kr.anshim.api.SuppressedDevice> suppressed() {
        return Callers.require(USER).flatMapMany(caller -> Flux.fromIterable(suppression.suppressed(caller)));
    }

    @MessageMapping(Routes.ALARM_SHELVE)
    Mono<ShelveResult> shelve(ShelveRequest request) {
        return Callers.require(USER).flatMap(caller -> shelf.shelve(caller, request));
    }

    @MessageMapping(Routes.ALARM_UNSHELVE)
    Mono<ShelveResult> unshelve(String id) {
        return Callers.require(USER).flatMap(caller -> shelf.unshelve(caller, parse(id)));
    }

    @MessageMapping(Routes.ALARM_SHELVING)
    Mono<Shelving> shelving() {
        return Callers.require(USER).thenReturn(shelving);
    }

    @MessageMapping(Routes.ALARM_SHELVED)
    Flux<ShelvedItem> shelved() {
        return Callers.require(USER).flatMapMany(caller -> Flux.fromIterable(shelf.shelved(caller)));
    }

    private static java.util.UUID parse(String id) {
        try {
            return id == null ? null : java.util.UUID.fromString(id.strip());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    @MessageMapping(Routes.ALARM_LOAD)
    Mono<AlarmLoadReport> load(AlarmLoadQuery query) {
        return supervisor().flatMap(caller -> {
            if (query.from() == null || query.to() == null || !query.from().isBefore(query.to())) {
                return Mono.error(new AlarmRefusal("alarm.refused.period", "from and to are required, from before to"));
            }
            if (Duration.between(query.from(), query.to()).compareTo(Duration.ofDays(Routes.ALARM_LOAD_MAX_DAYS)) > 0) {
                return Mono.error(new AlarmRefusal("alarm.refused.period-too-long",
                        "a period may cover at most " + Routes.ALARM_LOAD_MAX_DAYS + " days"));
            }
            return reports.report(query.from(), query.to(), wards(caller, query.wards()));
        });
    }

    @MessageMapping(Routes.ALARM_FLOOD)
    Mono<List<FloodState>> flood(List<String> wards) {
        return Callers.require(USER).map(caller -> floods.states(wards(caller, wards == null ? List.of() : wards)));
    }

    @MessageMapping(Routes.ALARM_AUDIT)
    Flux<AlarmAuditEntry> audit() {
        return supervisor().flatMapMany(caller -> audit.newestFirst(List.of()));
    }

    @MessageExceptionHandler({AlarmRefusal.class, MessagingException.class})
    Mono<Void> refused(Exception refusal) {
        log.debug("Refused an alarm-management request: {}", refusal.getMessage());
        return Mono.error(refusal);
    }

    static Mono<Caller> supervisor() {
        return Callers.require(USER).flatMap(caller -> caller.role() == Role.SUPERVISOR ? Mono.just(caller)
                : Mono.error(new AlarmRefusal("alarm.refused.supervisors-only", "for supervisors only")));
    }

    /** The wards asked for that the caller sees; none asked means all of theirs; none left is refused. */
    static List<String> wards(Caller caller, List<String> requested) {
        List<String> seen = (requested.isEmpty() ? Wards.seoul().all().stream().map(Ward::code).toList() : requested)
                .stream().filter(caller::sees).distinct().toList();
        if (seen.isEmpty()) {
            throw new AlarmRefusal("alarm.refused.no-wards", "no wards of yours in this request");
        }
        return seen;
    }
}
