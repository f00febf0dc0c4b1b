package kr.anshim.api;

import java.time.Instant;

/**
 * An open sign-in session as an admin sees it (route {@link Routes#ADMIN_SESSIONS}).
 *
 * @param id              a handle for {@link Routes#ADMIN_END_SESSION} (not the token, and no way to it)
 * @param openConnections the user connections open with it on this backend instance
 */
public record SessionView(String id, String username, String role, Instant createdAt, Instant expiresAt, int openConnections) {
}
