package kr.anshim.ui.security;

/**
 * Ends a signed-in user's backend session when they sign out here. The backend connection
 * ({@code kr.anshim.ui.backend.UserConnections}) implements it, so this package does not depend on it.
 */
public interface SignOut {

    void signOut(AnshimUser user);
}
