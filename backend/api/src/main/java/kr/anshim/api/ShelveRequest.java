package kr.anshim.api;

/**
 * Shelve an incident or a device ({@link Routes#ALARM_SHELVE}): out of the active queue, with a
 * required reason, for at most the configured maximum (8 hours by default).
 *
 * @param target     INCIDENT (targetId an incident id) or DEVICE (targetId a device id)
 * @param forSeconds how long; null means the maximum
 */
public record ShelveRequest(Target target, String targetId, String reason, Long forSeconds) {

    public enum Target { INCIDENT, DEVICE }
}
