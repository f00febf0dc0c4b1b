package kr.anshim.backend.operations;

import kr.anshim.api.IncidentDetail;
import kr.anshim.api.IncidentDetail.DeviceHealth;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.DeviceSupervision;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.IncidentLifecycle;
import kr.anshim.api.IncidentView;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.PoliceMask;
import kr.anshim.backend.security.ScreenViews;
import org.springframework.messaging.MessagingException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The incident panel's data: household contact and device health, scoped to the caller's wards.
 * A stalking victim's name, phone, exact address and position are masked for a police liaison
 * until police accept an operator's 112 hand-off ({@link PoliceMask}): police get what they need,
 * when they need it. Every unmasked read of a protected person's record is written to the
 * append-only access log first ({@link ProtectedAccessLog}); if that fails, the read fails.
 */
@Component
class IncidentDetails {

    private static final Duration SILENT_AFTER = Duration.ofSeconds(90);

    private final Correlator correlator;
    private final IncidentStore incidents;
    private final DatabaseClient db;
    private final DeviceRegistry registry;
    private final DeviceSupervision supervision;
    private final Clock clock;
    private final ProtectedAccessLog accessLog;
    private final IncidentLifecycle lifecycle;

    IncidentDetails(Correlator correlator, IncidentStore incidents, kr.anshim.backend.storage.ScreenDatabase screens, DeviceRegistry registry,
                    DeviceSupervision supervision, Clock clock, ProtectedAccessLog accessLog, IncidentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.correlator = correlator;
        this.incidents = incidents;
        this.db = screens.client();
        this.registry = registry;
        this.supervision = supervision;
        this.clock = clock;
        this.accessLog = accessLog;
    }

    Mono<IncidentDetail> detail(UUID id, Caller caller) {
        return visible(id, caller).flatMap(incident -> detail(incident, caller, true));
    }

    /** The incident, its latest state, if it is in the caller's wards; else an error saying so. */
    Mono<Incident> visible(UUID id, Caller caller) {
        return correlator.openIncident(id).map(Mono::just).orElseGet(() -> incidents.byIdForScreens(id))
                .filter(incident -> caller.sees(incident.wardCode()))
                .switchIfEmpty(Mono.error(new MessagingException("no incident " + id + " in your wards")));
    }

    /**
     * The panel's data for {@code caller}, masked as it must be; {@code logged}: an unmasked read of a
     * protected person's record is written to the access log first (the evidence export logs its own).
     */
    Mono<IncidentDetail> detail(Incident incident, Caller caller, boolean logged) {
        return incident.householdId() == null
                ? Mono.just(new IncidentDetail(ScreenViews.forCaller(caller, incident.view(), lifecycle, clock.instant()), null, false, false, null, null, null, devices(incident)))
                : household(incident, caller, logged);
    }

    private Mono<IncidentDetail> household(Incident incident, Caller caller, boolean logged) {
        return db.sql("select protected_person, contact_name, contact_phone, address from household where id = $1")
                .bind(0, incident.householdId())
                .fetch().one()
                .flatMap(row -> {
                    boolean protectedPerson = Boolean.TRUE.equals(row.get("protected_person"));
                    boolean mask = PoliceMask.applies(caller, protectedPerson, incident.call112());
                    String name = (String) row.get("contact_name");
                    String phone = (String) row.get("contact_phone");
                    String address = (String) row.get("address");
                    IncidentView view = ScreenViews.withNextSteps(caller, mask ? PoliceMask.coarsened(incident.view()) : incident.view(),
                            lifecycle, clock.instant());
                    IncidentDetail detail = new IncidentDetail(view, incident.householdId(), protectedPerson, mask,
                            mask ? Masking.name(name) : name, mask ? Masking.phone(phone) : phone,
                            mask ? Masking.address(address) : address, devices(incident));
                    return protectedPerson && !mask && logged
                            ? accessLog.record(caller, incident.householdId(), incident.id()).thenReturn(detail)
                            : Mono.just(detail);
                });
    }

    private java.util.List<DeviceHealth> devices(Incident incident) {
        Instant now = clock.instant();
        Map<String, String> householdOf = new java.util.HashMap<>();
        incident.deviceIds().forEach(d -> registry.find(d).ifPresent(r -> householdOf.put(d, r.householdId())));
        return registry.devicesOf(incident.householdId() == null ? java.util.Set.copyOf(householdOf.values())
                        : java.util.Set.of(incident.householdId())).stream()
                .map(device -> {
                    Instant heard = supervision.lastSeen(device.id()).orElse(null);
                    return new DeviceHealth(device.id(), device.family().name(), heard,
                            heard != null && heard.isBefore(now.minus(SILENT_AFTER)), device.revoked());
                })
                .toList();
    }
}
