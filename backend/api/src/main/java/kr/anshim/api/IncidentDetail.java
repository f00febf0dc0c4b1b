package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/**
 * What the incident panel shows beyond the queue row: the household and its devices' health.
 * For a police liaison, a protected person's name, phone and exact address are masked, and the
 * incident's position coarsened, until police accept a 112 hand-off that an operator or supervisor
 * started (ACCEPTED or PATROL_ASSIGNED). A masked name is always {@link #MASKED_NAME}, whatever its
 * length. Every unmasked read of a protected person's record is written to the access log
 * ({@link Routes#PROTECTED_ACCESS_LOG}).
 */
public record IncidentDetail(IncidentView incident, String householdId, boolean protectedPerson, boolean masked,
                             String contactName, String contactPhone, String address, List<DeviceHealth> devices) {

    /** What a masked name reads: the same for every name, so it tells nothing, not even the length. */
    public static final String MASKED_NAME = "***";

    /** @param lastHeard the last heartbeat or event this instance heard, or null */
    public record DeviceHealth(String deviceId, String family, Instant lastHeard, boolean silent, boolean revoked) {
    }
}
