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
            case USER -> role == Role.SUPERVISOR || (role != Role.ADMIN && role != Role.OFFICER && wards.contains(wardCode));
            case SERVICE, DEVICE, GATEWAY -> false;
        };
    }

    /** Only a signed-in user acts on incidents, always under their own name. */
    public boolean may(IncidentCommand.Action action) {
        return kind == Kind.USER && role.may(action);
    }

    /**
     * The action and, for a police liaison's 112 hand-off, the target state: police accept a
     * hand-off an operator or supervisor started and assign a patrol, they never start or withdraw
     * one (starting it would lift a protected person's mask on their own say).
     */
    public boolean may(IncidentCommand command) {
        if (!may(command.action())) {
            return false;
        }
        return !(kind == Kind.USER && role == Role.POLICE_LIAISON && command.action() == IncidentCommand.Action.CALL_112)
                || (command.value() != null && Role.POLICE_CALL_112.contains(command.value()));
    }

    /** Police liaisons see a protected person's identity only once police accept the hand-off ({@link PoliceMask}). */
    public boolean seesIdentityOnlyAfterHandOff() {
        return kind == Kind.USER && role == Role.POLICE_LIAISON;
    }
}
