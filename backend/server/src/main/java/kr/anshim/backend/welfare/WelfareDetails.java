package kr.anshim.backend.welfare;

import kr.anshim.api.welfare.EnrolmentView;
import kr.anshim.api.welfare.VisitView;
import kr.anshim.api.welfare.WelfareDetail;
import kr.anshim.backend.operations.Masking;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.messaging.MessagingException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * The welfare incident panel: the person's contact (for the officer to phone), their enrolment or the
 * visit with the team's last known position, and the first contact so far. For an officer a protected
 * person's name, phone and street are masked and the position coarsened, as for police before a
 * hand-off; no devices and nothing of other households is included. Read on the screens' pool.
 */
@Component
class WelfareDetails {

    private final WelfareSignals signals;
    private final OfficerScope scope;
    private final WelfareAlerts alerts;
    private final Enrolments enrolments;
    private final Visits visits;
    private final DatabaseClient db;

    WelfareDetails(WelfareSignals signals, OfficerScope scope, WelfareAlerts alerts, Enrolments enrolments, Visits visits,
                   ScreenDatabase screens) {
        this.signals = signals;
        this.scope = scope;
        this.alerts = alerts;
        this.enrolments = enrolments;
        this.visits = visits;
        this.db = screens.client();
    }

    Mono<WelfareDetail> detail(UUID incidentId, Caller caller) {
        return alerts.ready().then(signals.current(incidentId))
                .filter(incident -> scope.sees(caller, incident.id(), incident.wardCode(), incident.kind().name()))
                .switchIfEmpty(Mono.error(new MessagingException("no welfare incident " + incidentId + " of yours")))
                .flatMap(incident -> db.sql("select protected_person, contact_name, contact_phone, address from household where id = $1")
                        .bind(0, incident.householdId())
                        .fetch().one()
                        .zipWith(alerts.firstContact(incident.id()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                        .map(found -> {
                            var row = found.getT1();
                            boolean mask = OfficerScope.masks(caller, Boolean.TRUE.equals(row.get("protected_person")));
                            String name = (String) row.get("contact_name");
                            String phone = (String) row.get("contact_phone");
                            String address = (String) row.get("address");
                            WelfareAlerts.Owner owner = alerts.owner(incident.id()).orElseThrow();
                            EnrolmentView enrolment = owner.visit() ? null
                                    : enrolments.of(owner.householdId()).map(Enrolment::view).orElse(null);
                            VisitView visit = owner.visit() ? visitOf(incident.id(), mask) : null;
                            return new WelfareDetail(incident.id(), incident.kind().name(), incident.wardCode(),
                                    mask ? Masking.name(name) : name, mask ? Masking.phone(phone) : phone,
                                    mask ? Masking.address(address) : address, mask, enrolment, visit, found.getT2().orElse(null));
                        }));
    }

    /** The open visit behind the incident; a masked household's team position is not shown to the officer either. */
    private VisitView visitOf(UUID incidentId, boolean mask) {
        return visits.openIn(ward -> true).stream().filter(v -> incidentId.equals(v.incidentId())).findFirst()
                .map(v -> mask ? new Visit(v.id(), v.householdId(), v.wardCode(), v.team(), v.teamPhone(), v.registeredBy(),
                        v.start(), v.expectedReturn(), v.status(), v.checkedInAt(), null, null, null, v.incidentId()) : v)
                .map(Visit::view).orElse(null);
    }
}
