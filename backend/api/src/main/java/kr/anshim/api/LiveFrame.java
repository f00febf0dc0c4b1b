package kr.anshim.api;

/**
 * One frame of the {@link Routes#INCIDENTS_LIVE} stream. Every subscription (and so every
 * reconnection) runs the same protocol:
 * <ol>
 *   <li>{@link Type#BEGIN}: a fresh snapshot starts; whatever the screen held before is replaced
 *   once the snapshot is complete;</li>
 *   <li>{@link Type#SNAPSHOT}, once per open incident the caller may see, as read at one point;</li>
 *   <li>{@link Type#MARKER}: the snapshot is complete (a screen swaps its model for it here);</li>
 *   <li>then {@link Type#CHANGE} (an incident opened or changed, still open) and
 *   {@link Type#TOMBSTONE} (an incident closed: remove it), only states newer than the snapshot's.</li>
 * </ol>
 * A screen keeps, per incident, the state with the highest {@link IncidentView#version()} and
 * ignores an older one. When a screen reads slowly the backend conflates: older intermediate
 * states of an incident may be skipped, its latest state never is.
 *
 * @param type     what the frame is
 * @param incident the incident, for SNAPSHOT, CHANGE and TOMBSTONE (a tombstone carries the closed
 *                 state); null for BEGIN and MARKER
 */
public record LiveFrame(Type type, IncidentView incident) {

    public enum Type { BEGIN, SNAPSHOT, MARKER, CHANGE, TOMBSTONE }

    public static LiveFrame begin() {
        return new LiveFrame(Type.BEGIN, null);
    }

    public static LiveFrame snapshot(IncidentView incident) {
        return new LiveFrame(Type.SNAPSHOT, incident);
    }

    public static LiveFrame marker() {
        return new LiveFrame(Type.MARKER, null);
    }

    /** A CHANGE, or a TOMBSTONE if the incident is closed ({@link IncidentStatus#isClosed()}). */
    public static LiveFrame change(IncidentView incident) {
        return new LiveFrame(incident.status().isClosed() ? Type.TOMBSTONE : Type.CHANGE, incident);
    }
}
