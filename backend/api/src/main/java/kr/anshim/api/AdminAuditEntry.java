package kr.anshim.api;

import java.time.Instant;

/**
 * One entry of the append-only admin audit trail (route {@link Routes#ADMIN_AUDIT}).
 *
 * @param action  e.g. USER_CREATED, ROLE_GRANT_REQUESTED, ROLE_GRANT_APPROVED, PASSWORD_RESET, USER_DEACTIVATED,
 *                USER_REACTIVATED, ROLE_CHANGED, WARDS_CHANGED, SESSION_ENDED, LOCKED_OUT, UNLOCKED
 * @param subject the account (or session) acted on
 */
public record AdminAuditEntry(long id, Instant at, String actor, String action, String subject, String detail) {
}
