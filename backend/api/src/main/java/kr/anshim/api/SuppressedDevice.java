package kr.anshim.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A chattering device suppressed into one incident ({@link Routes#ALARM_SUPPRESSED}): its signals
 * still fold into that incident and are counted here as repeats; it is released after a quiet minute.
 */
public record SuppressedDevice(String deviceId, UUID incidentId, String wardCode, Instant since, int repeats) {
}
