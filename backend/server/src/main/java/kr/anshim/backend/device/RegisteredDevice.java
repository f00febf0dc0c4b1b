package kr.anshim.backend.device;

import kr.anshim.api.DeviceFamily;

/** A device with the household facts the pipeline needs, denormalised for fast lookups. */
public record RegisteredDevice(String id, DeviceFamily family, String householdId, String wardCode,
                               double latitude, double longitude, boolean protectedPerson,
                               String tokenSha256, boolean revoked) {
}
