package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/**
 * A request to give an account the SUPERVISOR or ADMIN role; it takes effect only once a supervisor
 * other than the requester (and other than the account itself) approves it.
 *
 * @param state PENDING or APPROVED
 */
public record RoleGrant(long id, String username, String role, List<String> wards, String requestedBy, Instant requestedAt,
                        String state, String decidedBy, Instant decidedAt) {

    public RoleGrant {
        wards = wards == null ? List.of() : List.copyOf(wards);
    }
}
