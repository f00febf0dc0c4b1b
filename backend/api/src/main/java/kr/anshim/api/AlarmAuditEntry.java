package kr.anshim.api;

import java.time.Instant;

/**
 * One entry of the alarm-management audit trail ({@link Routes#ALARM_AUDIT}), append-only in the database.
 *
 * @param action e.g. {@code FLOOD_ENTERED}, {@code FLOOD_LEFT}, {@code SHELVED}, {@code UNSHELVED},
 *               {@code SHELF_EXPIRED}, {@code SHELVE_REFUSED}, {@code CHATTER_SUPPRESSED}
 * @param target the incident or device it concerns, or null for a ward-wide entry
 */
public record AlarmAuditEntry(long id, Instant at, String actor, String action, String wardCode, String target,
                              String detail) {
}
