package kr.anshim.backend.welfare;

import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.welfare.ContactRequest;
import kr.anshim.api.welfare.EnrolmentView;
import kr.anshim.api.welfare.OutcomeRequest;
import kr.anshim.api.welfare.WelfareAnswer;
import kr.anshim.api.welfare.WelfareDetail;
import kr.anshim.api.welfare.WelfareRoutes;
import kr.anshim.api.welfare.WelfareTimes;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.livefeed.ConflatingBuffer;
import kr.anshim.backend.livefeed.LiveFeed;
import kr.anshim.backend.livefeed.LiveFeedRoutes;
import kr.anshim.backend.security.AdminAudit;
import kr.anshim.backend.security.Callers;
import kr.anshim.backend.security.Role;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * The welfare routes for signed-in users: the officer's live incidents, the detail, contact and
 * outcome, the per-ward times; and the enrolments for admins. Scoping ({@link OfficerScope}) and
 * masking are applied here, in the backend, to the snapshot and the changes alike.
 */
@Controller
class WelfareRoutesController {

    private final IncidentStore incidents;
    private final LiveFeed feed;
    private final OfficerScope scope;
    private final WelfareAlerts alerts;
    private final WelfareOutcomes outcomes;
    private final WelfareDetails details;
    private final Enrolments enrolments;
    private final AdminAudit audit;
    private final Clock clock;

    WelfareRoutesController(IncidentStore incidents, LiveFeed feed, OfficerScope scope, WelfareAlerts alerts,
                            WelfareOutcomes outcomes, WelfareDetails details, Enrolments enrolments, AdminAudit audit, Clock clock) {
        this.incidents = incidents;
        this.feed = feed;
        this.scope = scope;
        this.alerts = alerts;
        this.outcomes = outcomes;
        this.details = details;
        this.enrolments = enrolments;
        this.audit = audit;
        this.clock = clock;
    }

    /** As {@code incidents.live}, for the welfare incidents the caller may see; an officer's masked. */
    @MessageMapping(WelfareRoutes.INCIDENTS_LIVE)
    Flux<LiveFrame> live() {
        return Callers.require(USER).flatMapMany(caller -> alerts.ready().thenMany(Flux.defer(() -> {
            ConflatingBuffer<UUID, IncidentView> changes = feed.listen(incident -> scope.sees(caller, incident));
            Mono<List<IncidentView>> snapshot = incidents.openForScreens().map(Incident::view)
                    .filter(incident -> scope.sees(caller, incident))
                    .map(incident -> OfficerScope.masked(caller, incident))
                    .collectList();
            return snapshot.flatMapMany(open -> LiveFeedRoutes.frames(open,
                            changes.flux().map(incident -> OfficerScope.masked(caller, incident))))
                    .doFinally(signal -> changes.dispose());
        })));
    }

    @MessageMapping(WelfareRoutes.DETAIL)
    Mono<WelfareDetail> detail(UUID incidentId) {
        return Callers.require(USER).flatMap(caller -> details.detail(incidentId, caller));
    }

    @MessageMapping(WelfareRoutes.CONTACT)
    Mono<CommandResult> contact(ContactRequest request) {
        return Callers.require(USER).flatMap(caller -> outcomes.contact(request, caller));
    }

    @MessageMapping(WelfareRoutes.OUTCOME)
    Mono<CommandResult> outcome(OutcomeRequest request) {
        return Callers.require(USER).flatMap(caller -> outcomes.outcome(request, caller));
    }

    /** Supervisors: every ward; officers and operators: their own wards; the last 30 days. */
    @MessageMapping(WelfareRoutes.TIMES)
    Flux<WelfareTimes> times() {
        return Callers.require(USER).flatMapMany(caller -> switch (caller.role()) {
            case SUPERVISOR -> alerts.times(clock.instant().minus(Duration.ofDays(30)), Set.of());
            case OFFICER, OPERATOR -> caller.wards().isEmpty() ? Flux.empty()
                    : alerts.times(clock.instant().minus(Duration.ofDays(30)), caller.wards());
            case POLICE_LIAISON, ADMIN -> Flux.error(new MessagingException("welfare times are for supervisors, operators and officers"));
        });
    }

    /** Admins: a ward's enrolled people; officers: their own people (the ward code is then ignored). */
    @MessageMapping(WelfareRoutes.ENROLMENTS)
    Flux<EnrolmentView> enrolments(String wardCode) {
        String ward = wardCode == null ? "" : wardCode.replace("\"", "").strip();
        return Callers.require(USER).flatMapMany(caller -> enrolments.ready().thenMany(Flux.defer(() -> switch (caller.role()) {
            case ADMIN -> Flux.fromIterable(enrolments.inWard(ward)).map(Enrolment::view);
            case OFFICER -> Flux.fromIterable(enrolments.all()).filter(e -> caller.id().equals(e.officer())
                    && caller.wards().contains(e.wardCode())).sort(java.util.Comparator.comparing(Enrolment::householdId)).map(Enrolment::view);
            default -> Flux.error(new MessagingException("enrolments are managed by admins"));
        })));
    }

    /** Admins only; audited. */
    @MessageMapping(WelfareRoutes.ENROLMENT_SAVE)
    Mono<WelfareAnswer> save(EnrolmentView enrolment) {
        return Callers.require(USER)
                .filter(caller -> caller.role() == Role.ADMIN)
                .switchIfEmpty(Mono.error(new MessagingException("enrolments are managed by admins")))
                .flatMap(caller -> enrolments.ready().then(Mono.defer(() -> enrolments.problem(enrolment)
                        .map(problem -> Mono.just(WelfareAnswer.refused(problem)))
                        .orElseGet(() -> enrolments.save(List.of(enrolment))
                                .then(audit.append(caller.id(), "WELFARE_ENROL", enrolment.householdId(),
                                        "dong=" + enrolment.dong() + " threshold=" + enrolment.thresholdDays() + " officer=" + enrolment.officer()))
                                .thenReturn(WelfareAnswer.done())))));
    }
}
