package kr.anshim.api;

import java.util.List;

/**
 * A signed-in user. The token opens the user's own RSocket connection
 * ({@link ConnectionCredentials.Kind#USER}), on which the backend scopes and masks everything.
 *
 * @param wards the wards the user may see; empty for a supervisor means all of them
 */
public record LoginResult(boolean ok, String error, String token, String username, String displayName, String role,
                          List<String> wards) {

    public static LoginResult refused(String error) {
        return new LoginResult(false, error, null, null, null, null, List.of());
    }

    @Override
    public String toString() {
        return "LoginResult[" + ok + ", " + username + ", " + role + ", token hidden]";
    }
}
