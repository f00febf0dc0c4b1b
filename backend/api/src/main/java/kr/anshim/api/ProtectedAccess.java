package kr.anshim.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One unmasked read of a protected person's record (route {@link Routes#PROTECTED_ACCESS_LOG}).
 * The log is append-only in the database itself.
 *
 * @param at          when it was read
 * @param reader      who read it: the username, or {@code service:<id>} for a trusted service
 * @param role        the reader's role, e.g. {@code OPERATOR}; null for a service
 * @param householdId the protected person's household
 * @param incidentId  the incident it was read for
 * @param what        what was read unmasked: {@code RECORD} (name, phone, address), {@code SNAPSHOT} (a door
 *                    camera's image) or {@code EXPORT} (the incident's evidence export)
 */
public record ProtectedAccess(Instant at, String reader, String role, String householdId, UUID incidentId, String what) {

    public static final String RECORD = "RECORD";
    public static final String SNAPSHOT = "SNAPSHOT";
    public static final String EXPORT = "EXPORT";
}
