package kr.anshim.api;

import java.util.List;

/**
 * A screen user as the admin manages it. {@code password} is only ever sent to the backend, when
 * creating a user or setting a new password, and never returned.
 *
 * @param role OPERATOR, POLICE_LIAISON, SUPERVISOR or ADMIN
 */
public record UserAccount(String username, String displayName, String role, List<String> wards, boolean active,
                          String password) {

    public UserAccount {
        wards = wards == null ? List.of() : List.copyOf(wards);
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + ", " + role + ", " + wards + ", active " + active + "]";
    }
}
