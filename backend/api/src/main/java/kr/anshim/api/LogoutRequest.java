package kr.anshim.api;

/** A screen user's sign-out (route {@link Routes#LOGOUT}): the session token that {@link Routes#LOGIN} issued. */
public record LogoutRequest(String username, String token) {

    @Override
    public String toString() {
        return "LogoutRequest[" + username + ", token hidden]";
    }
}
