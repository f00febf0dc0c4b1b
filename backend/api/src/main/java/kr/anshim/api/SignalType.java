package kr.anshim.api;

import java.util.EnumSet;
import java.util.Set;

import static kr.anshim.api.DeviceFamily.DOOR_CAMERA;
import static kr.anshim.api.DeviceFamily.DOOR_LOCK;
import static kr.anshim.api.DeviceFamily.EMERGENCY_BELL;
import static kr.anshim.api.DeviceFamily.SOS_BUTTON;

/** Every event type a device may send, and the families allowed to send it. See docs/device-protocol.md. */
public enum SignalType {
    HEARTBEAT(EnumSet.allOf(DeviceFamily.class)),
    MOTION(EnumSet.of(DOOR_CAMERA)),
    LOITERING(EnumSet.of(DOOR_CAMERA)),
    TAMPER(EnumSet.of(DOOR_CAMERA, DOOR_LOCK)),
    FORCED_ENTRY(EnumSet.of(DOOR_CAMERA)),
    LOW_BATTERY(EnumSet.of(DOOR_CAMERA, DOOR_LOCK, EMERGENCY_BELL)),
    BELL_PRESSED(EnumSet.of(EMERGENCY_BELL)),
    VOICE_KEYWORD(EnumSet.of(EMERGENCY_BELL)),
    DOOR_FORCED(EnumSet.of(DOOR_LOCK)),
    WRONG_CODES(EnumSet.of(DOOR_LOCK)),
    DOOR_LEFT_OPEN(EnumSet.of(DOOR_LOCK)),
    LOCK_FAILURE(EnumSet.of(DOOR_LOCK)),
    SOS_PRESSED(EnumSet.of(SOS_BUTTON)),
    APP_SOS(EnumSet.of(SOS_BUTTON)),
    /** Raised by the backend, never by a device: heartbeats stopped. */
    DEVICE_OFFLINE(EnumSet.noneOf(DeviceFamily.class)),
    /** Raised by the backend: a protected person's bell or door lock stopped reporting. */
    PROTECTION_GAP(EnumSet.noneOf(DeviceFamily.class)),
    /** Raised by the backend: an enrolled person showed no activity for their threshold (똑똑문안). */
    INACTIVITY(EnumSet.noneOf(DeviceFamily.class)),
    /** Raised by the backend: a further day passed after an inactivity alert without the officer's outcome. */
    INACTIVITY_UNANSWERED(EnumSet.noneOf(DeviceFamily.class)),
    /** Raised by the backend: a visiting team did not check in by its expected return (call the team). */
    VISIT_OVERDUE(EnumSet.noneOf(DeviceFamily.class)),
    /** Raised by the backend: a visiting team is still overdue past the police-box delay (call the 지구대). */
    VISIT_OVERDUE_POLICE(EnumSet.noneOf(DeviceFamily.class)),
    /** Raised by the backend: a visiting team pressed panic in its app. */
    VISIT_PANIC(EnumSet.noneOf(DeviceFamily.class));

    private final Set<DeviceFamily> families;

    SignalType(Set<DeviceFamily> families) {
        this.families = families;
    }

    /** False for the types only the backend raises. */
    public boolean sentByDevices() {
        return !families.isEmpty();
    }

    /** The welfare signals (inactivity, visiting staff): they join their household's open incident whatever its age. */
    public boolean welfare() {
        return switch (this) {
            case INACTIVITY, INACTIVITY_UNANSWERED, VISIT_OVERDUE, VISIT_OVERDUE_POLICE, VISIT_PANIC -> true;
            default -> false;
        };
    }

    public boolean allowedFor(DeviceFamily family) {
        return families.contains(family);
    }
}
