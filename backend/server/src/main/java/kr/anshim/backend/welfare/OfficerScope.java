package kr.anshim.backend.welfare;

import kr.anshim.api.ConnectionCredentials.Kind;
import kr.anshim.api.IncidentView;
import kr.anshim.api.IncidentKind;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.PoliceMask;
import kr.anshim.backend.security.Role;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who sees and answers which welfare incident, enforced in the backend. A community-centre officer
 * sees only the inactivity incidents of the people enrolled with them and the visiting-team incidents
 * of their wards, never another incident; a protected person's position is always coarsened for them,
 * as for police before a hand-off. Operators see their wards' welfare incidents, supervisors all.
 */
@Component
class OfficerScope {

    private static final Set<String> WELFARE_KINDS = Set.of(IncidentKind.INACTIVITY.name(), IncidentKind.STAFF_SAFETY.name());

    private final WelfareAlerts alerts;

    OfficerScope(WelfareAlerts alerts) {
        this.alerts = alerts;
    }

    /** Whether {@code caller} may see (and answer) this incident on the welfare routes. */
    boolean sees(Caller caller, UUID incidentId, String wardCode, String kind) {
        if (caller.kind() != Kind.USER || !WELFARE_KINDS.contains(kind)) {
            return false;
        }
        Optional<WelfareAlerts.Owner> owner = alerts.owner(incidentId);
        if (owner.isEmpty()) {
            return false;
        }
        return switch (caller.role()) {
            case SUPERVISOR -> true;
            case OPERATOR -> caller.wards().contains(wardCode);
            case OFFICER -> caller.wards().contains(wardCode)
                    && (owner.get().visit() || caller.id().equals(owner.get().officer()));
            case POLICE_LIAISON, ADMIN -> false;
        };
    }

    boolean sees(Caller caller, IncidentView incident) {
        return sees(caller, incident.id(), incident.wardCode(), incident.kind().name());
    }

    /** What an officer may see of the incident: a protected person's position is its 500 m cell's centre. */
    static IncidentView masked(Caller caller, IncidentView incident) {
        return masks(caller, incident.protectedPerson()) ? PoliceMask.coarsened(incident) : incident;
    }

    /** An officer never sees a protected person's identity or door: the control room and police handle those. */
    static boolean masks(Caller caller, boolean protectedPerson) {
        return protectedPerson && caller.kind() == Kind.USER && caller.role() == Role.OFFICER;
    }
}
