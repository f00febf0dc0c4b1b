package kr.anshim.backend.welfare;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.SignalType;
import kr.anshim.api.Wards;
import kr.anshim.api.welfare.VisitPosition;
import kr.anshim.api.welfare.VisitRequest;
import kr.anshim.api.welfare.VisitResult;
import kr.anshim.api.welfare.VisitView;
import kr.anshim.api.welfare.WelfareOutcome;
import kr.anshim.backend.incident.Incident;
import kr.anshim.api.IncidentStatus;
import kr.anshim.backend.incident.Signal;
import kr.anshim.backend.incident.Transition;
import kr.anshim.backend.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Visiting-staff safety: registration, check-in, positions, panic, and the overrun timers. An overdue
 * visit opens a STAFF_SAFETY incident at the team's last known position (the household's until they
 * report one): first "call the team" (HIGH), then, still overdue past {@code police-after}, "call the
 * police box" (stepped up). A panic is CRITICAL at once. A check-in closes an overrun's incident
 * (TEAM_SAFE) and stops the timer; a panic's incident stays for the control room to close.
 */
@Component
class VisitSafety implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VisitSafety.class);

    private final Visits visits;
    private final WelfareSignals signals;
    private final WelfareAlerts alerts;
    private final OfficerNotices notices;
    private final WelfareProperties properties;
    private final Clock clock;
    private volatile Disposable loop;

    VisitSafety(Visits visits, WelfareSignals signals, WelfareAlerts alerts, OfficerNotices notices,
                WelfareProperties properties, Clock clock) {
        this.visits = visits;
        this.signals = signals;
        this.alerts = alerts;
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<VisitResult> register(VisitRequest request, Caller caller) {
        return Mono.justOrEmpty(Visits.problem(request, clock.instant()))
                .map(VisitResult::refused)
                .switchIfEmpty(Mono.defer(() -> visits.household(request.householdId())
                        .filter(h -> Visits.mayManage(caller, h.wardCode()))
                        .flatMap(h -> visits.insert(request, h, caller))
                        .map(v -> VisitResult.ok(v.view()))
                        .defaultIfEmpty(VisitResult.refused("no household " + request.householdId() + " in your wards"))));
    }

    Mono<VisitResult> checkIn(UUID visitId, Caller caller) {
        return mine(visitId, caller).flatMap(v -> {
            Visit back = v.checkedIn(clock.instant());
            if (v.incidentId() == null || v.status() == Visit.Status.PANIC) {
                return visits.update(back).then(Mono.fromRunnable(() -> visits.remember(back))).thenReturn(VisitResult.ok(back.view()));
            }
            return signals.change(v.incidentId(), incident -> Mono.just(teamBack(incident, back, caller)))
                    .then(Mono.fromRunnable(() -> visits.remember(back)))
                    .thenReturn(VisitResult.ok(back.view()));
        }).defaultIfEmpty(VisitResult.refused("no visit " + visitId + " out in your wards"));
    }

    private WelfareSignals.Changed teamBack(Incident incident, Visit back, Caller caller) {
        if (!incident.status().open()) {
            return new WelfareSignals.Changed(incident, incident.touched(back.checkedInAt()), List.of(), visits.update(back));
        }
        Incident after = incident.withStatus(IncidentStatus.RESOLVED, WelfareOutcome.TEAM_SAFE.name(), back.checkedInAt());
        return new WelfareSignals.Changed(incident, after,
                List.of(Transition.status(incident, after, caller.id(), "visiting team checked in: TEAM_SAFE")),
                visits.update(back).then(alerts.closed(incident.id(), WelfareOutcome.TEAM_SAFE.name(), caller.id(), back.checkedInAt()).then()));
    }

    Mono<Void> position(VisitPosition p, Caller caller) {
        if (p == null || !Double.isFinite(p.latitude()) || !Double.isFinite(p.longitude())
                || p.latitude() < 37.4 || p.latitude() > 37.72 || p.longitude() < 126.76 || p.longitude() > 127.19) {
            return Mono.error(new IllegalArgumentException("a position in Seoul (WGS84) is required"));
        }
        return mine(p.visitId(), caller).flatMap(v -> visits.position(v.at(p.latitude(), p.longitude(), clock.instant())));
    }

    Mono<VisitResult> panic(UUID visitId, Caller caller) {
        return mine(visitId, caller)
                .flatMap(v -> raise(v, SignalType.VISIT_PANIC, Visit.Status.PANIC, clock.instant(), "PANIC"))
                .map(v -> VisitResult.ok(v.view()))
                .defaultIfEmpty(VisitResult.refused("no visit " + visitId + " out in your wards"));
    }

    private Mono<Visit> mine(UUID visitId, Caller caller) {
        return visits.ready().then(Mono.justOrEmpty(visitId == null ? java.util.Optional.empty() : visits.open(visitId))
                .filter(v -> Visits.mayManage(caller, v.wardCode())));
    }

    /** Raises the visit's signal at the team's last known position; the visit, alert and notice in one transaction. */
    private Mono<Visit> raise(Visit v, SignalType type, Visit.Status status, java.time.Instant dueAt, String what) {
        return visits.household(v.householdId()).flatMap(h -> {
            double lat = v.latitude() != null ? v.latitude() : h.latitude();
            double lon = v.longitude() != null ? v.longitude() : h.longitude();
            Signal signal = new Signal(UUID.randomUUID(), DeviceFamily.VISIT_TEAM.prefix() + "-" + v.id(), DeviceFamily.VISIT_TEAM,
                    type, clock.instant(), h.id(), h.wardCode(), lat, lon, h.protectedPerson());
            Visit[] next = new Visit[1];
            return signals.raise(signal, incident -> {
                        next[0] = v.withStatus(status, incident.id());
                        return visits.update(next[0])
                                .then(alerts.record(new WelfareAlerts.Owner(incident.id(), "VISIT", h.id(), h.wardCode(),
                                        v.registeredBy(), dueAt), clock.instant()))
                                .then(notices.visit(v.registeredBy(), h.wardCode(), v.id(), incident.id(), what(what, v, h), clock.instant()));
                    })
                    .map(incident -> {
                        visits.remember(next[0]);
                        return next[0];
                    });
        });
    }

    private static String what(String what, Visit v, Visits.Household h) {
        String station = Wards.seoul().byCode(h.wardCode()).map(w -> w.policeStations().isEmpty() ? "" : w.policeStations().get(0)).orElse("");
        return switch (what) {
            case "OVERDUE" -> "복귀 지연: 방문팀에 전화 " + (v.teamPhone() == null ? "" : v.teamPhone()) + " / overdue: call the team";
            case "OVERDUE_POLICE" -> "복귀 지연 지속: 관할 지구대(" + station + ")에 연락 / still overdue: call the police box";
            default -> "비상: 방문팀 위험 신고 / PANIC from the visiting team";
        };
    }

    @Override
    public void start() {
        loop = visits.ready().then(alerts.ready())
                .thenMany(visits.watch().overruns(clock, properties.checkEvery(), properties.policeAfter()))
                .concatMap(overrun -> visits.open(overrun.visitId())
                        .map(v -> raise(v, overrun.level() == 1 ? SignalType.VISIT_OVERDUE : SignalType.VISIT_OVERDUE_POLICE,
                                overrun.level() == 1 ? Visit.Status.OVERDUE : Visit.Status.OVERDUE_POLICE, overrun.dueAt(),
                                overrun.level() == 1 ? "OVERDUE" : "OVERDUE_POLICE")
                                .doOnNext(raised -> log.info("Visit {} overdue (level {}): incident {}", v.id(), overrun.level(), raised.incidentId()))
                                .onErrorResume(error -> {
                                    log.warn("Overrun of visit {} not recorded, raised again at the next check: {}", v.id(), error.toString());
                                    visits.watch().retry(overrun);
                                    return Mono.empty();
                                }))
                        .orElse(Mono.empty()))
                .subscribe(null, error -> log.error("Visit safety timers ended; this is a bug", error));
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }

    List<VisitView> openVisits(Caller caller) {
        return visits.openIn(ward -> Visits.mayManage(caller, ward)).stream().map(Visit::view).toList();
    }
}
