package kr.anshim.api;

/** A screen user's sign-in, relayed by the UI over its service connection (route {@link Routes#LOGIN}). */
public record LoginRequest(String username, String password) {

    @Override
    public String toString() {
        return "LoginRequest[" + username + ", password hidden]";
    }
}
