package kr.anshim.ui.security;

import java.io.Serializable;
import java.util.List;

/**
 * The signed-in user as the backend described them. The token opens the user's own RSocket
 * connection; the backend scopes everything on it to the user's wards.
 */
public record AnshimUser(String username, String displayName, String role, List<String> wards, String token)
        implements Serializable {

    public AnshimUser {
        wards = List.copyOf(wards);
    }

    @Override
    public String toString() {
        return "AnshimUser[" + username + ", " + role + ", token hidden]";
    }
}
