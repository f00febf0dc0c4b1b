package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/**
 * What the incident panel shows beyond the queue row: the household and its devices' health.
 * For a police liaison, a protected person's name, phone and exact address are masked until the
 * incident is handed to police (112 hand-off requested).
 */
public record IncidentDetail(IncidentView incident, String householdId, boolean protectedPerson, boolean masked,
                             String contactName, String contactPhone, String address, List<DeviceHealth> devices) {

    /** @param lastHeard the last heartbeat or event this instance heard, or null */
    public record DeviceHealth(String deviceId, String family, Instant lastHeard, boolean silent, boolean revoked) {
    }
}
