package kr.anshim.backend.incident;

/** Lifecycle states; the last three are ends. */
public enum IncidentStatus {
    NEW, ACKNOWLEDGED, DISPATCHED, EN_ROUTE, ON_SCENE, RESOLVED, FALSE_ALARM, CANCELLED;

    public boolean open() {
        return this != RESOLVED && this != FALSE_ALARM && this != CANCELLED;
    }
}
