package kr.anshim.api;

/** The 112 hand-off to police, updated by the police liaison. The legal moves are the backend's. */
public enum Call112Status {
    NOT_REQUESTED, REQUESTED, ACCEPTED, PATROL_ASSIGNED;

    /** Police have taken the case: a protected person's identity is no longer masked for them. */
    public boolean takenByPolice() {
        return this == ACCEPTED || this == PATROL_ASSIGNED;
    }
}
