package kr.anshim.api;

/**
 * A screen user's sign-in, relayed by the UI over its service connection (route {@link Routes#LOGIN}).
 *
 * @param source where the sign-in came from (the browser's address as the UI saw it), for per-source throttling;
 *               null when unknown
 */
public record LoginRequest(String username, String password, String source) {

    public LoginRequest(String username, String password) {
        this(username, password, null);
    }

    @Override
    public String toString() {
        return "LoginRequest[" + username + ", password hidden]";
    }
}
