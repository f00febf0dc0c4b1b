package kr.anshim.backend.incident;

import kr.anshim.api.SignalType;

/** What an incident is about, named after its strongest signal. */
public enum IncidentKind {
    EMERGENCY, INTRUSION, ACCESS_ATTEMPT, TAMPER, LOITERING, PROWLER, DEVICE_FAULT, DEVICE_OFFLINE, ACTIVITY,
    /** 똑똑문안: an enrolled person inactive past their threshold. */
    INACTIVITY,
    /** A visiting welfare team overdue or in danger. */
    STAFF_SAFETY;

    /** The kinds a community-centre officer follows. */
    public boolean welfare() {
        return this == INACTIVITY || this == STAFF_SAFETY;
    }

    public static IncidentKind of(SignalType strongest) {
        return switch (strongest) {
            case BELL_PRESSED, VOICE_KEYWORD, SOS_PRESSED, APP_SOS -> EMERGENCY;
            case FORCED_ENTRY, DOOR_FORCED -> INTRUSION;
            case WRONG_CODES, DOOR_LEFT_OPEN -> ACCESS_ATTEMPT;
            case TAMPER -> TAMPER;
            case LOITERING -> LOITERING;
            case LOCK_FAILURE, LOW_BATTERY -> DEVICE_FAULT;
            case DEVICE_OFFLINE, PROTECTION_GAP -> DEVICE_OFFLINE;
            case MOTION, HEARTBEAT -> ACTIVITY;
            case INACTIVITY, INACTIVITY_UNANSWERED -> INACTIVITY;
            case VISIT_OVERDUE, VISIT_OVERDUE_POLICE, VISIT_PANIC -> STAFF_SAFETY;
        };
    }
}
