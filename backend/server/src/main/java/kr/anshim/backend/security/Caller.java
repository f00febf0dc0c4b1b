package kr.anshim.backend.security;

import kr.anshim.api.ConnectionCredentials.Kind;
import kr.anshim.api.IncidentCommand;

import java.util.Set;

/**
 * An authenticated connection.
 *
 * @param kind  device, gateway, service or user
 * @param id    its id (the username for a user)
 * @param wards a gateway's or a user's wards; empty means all for a gateway (and for a supervisor)
 * @param role  a user's role, else null
 */
public record Caller(Kind kind, String id, Set<String> wards, Role role) {

    public Caller {
        wards = Set.copyOf(wards);
    }

    public Caller(Kind kind, String id, Set<String> wards) {
        this(kind, id, wards, null);
    }

    public boolean mayRelayFor(String deviceId, String wardCode) {
        return switch (kind) {
            case DEVICE -> id.equals(deviceId);
            case GATEWAY -> wards.isEmpty() || wards.contains(wardCode);
            case SERVICE, USER -> false;
        };
    }

    /**
     * Ward scoping, enforced here in the backend for every screen route. Only a signed-in user sees
     * incidents: a service connection relays sign-in and sign-out, nothing else.
     */
    public boolean sees(String wardCode) {
        return switch (kind) {
            case USER -> role == Role.SUPERVISOR || (role != Role.ADMIN && wards.contains(wardCode));
            case SERVICE, DEVICE, GATEWAY -> false;
        };
    }

    /** Only a signed-in user acts on incidents, always under their own name. */
    public boolean may(IncidentCommand.Action action) {
        return kind == Kind.USER && role.may(action);
    }

    /** Police liaisons see a protected person's identity only once the incident is handed to police. */
    public boolean seesIdentityOnlyAfterHandOff() {
        return kind == Kind.USER && role == Role.POLICE_LIAISON;
    }
}
