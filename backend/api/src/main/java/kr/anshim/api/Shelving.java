package kr.anshim.api;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What may never be shelved ({@link Routes#ALARM_SHELVE}), in one place: the backend refuses it with
 * the code returned here, and the screens do not offer it. A protected person's emergency bell or
 * door lock, and any incident at CRITICAL, are the alarms the control room exists for.
 *
 * @param maxSeconds the longest an item may stay shelved here ({@code anshim.alarm.shelving.max}),
 *                   answered by {@link Routes#ALARM_SHELVING}
 */
public record Shelving(long maxSeconds) {

    public static final Set<DeviceFamily> PROTECTION_DEVICES = Set.of(DeviceFamily.EMERGENCY_BELL, DeviceFamily.DOOR_LOCK);
    public static final String PROTECTED = "alarm.refused.protected";
    public static final String CRITICAL = "alarm.refused.critical";

    public Duration max() {
        return Duration.ofSeconds(maxSeconds);
    }

    /**
     * Why an incident (severity, whether a protected person lives there, the families of its devices)
     * or a device (severity null) may never be shelved: a refusal code, or empty when it may be.
     */
    public static Optional<String> never(Severity severity, boolean protectedPerson, Collection<DeviceFamily> families) {
        if (protectedPerson && families.stream().anyMatch(PROTECTION_DEVICES::contains)) {
            return Optional.of(PROTECTED);
        }
        if (severity == Severity.CRITICAL) {
            return Optional.of(CRITICAL);
        }
        return Optional.empty();
    }

    /** As above, for what a screen knows of an incident: the family of the device that opened it. */
    public static Optional<String> never(IncidentView incident) {
        return never(incident.severity(), incident.protectedPerson(),
                incident.family() == null ? Set.of() : Set.of(incident.family()));
    }
}
