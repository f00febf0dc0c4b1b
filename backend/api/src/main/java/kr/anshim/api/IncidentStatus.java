package kr.anshim.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * An incident's lifecycle state. {@link #RESOLVED}, {@link #FALSE_ALARM} and {@link #CANCELLED} are
 * ends: this enum is the one place that says so. The backend's state machine (which moves are legal)
 * is the backend's; screens learn the legal next steps from {@link IncidentView#next()}.
 */
public enum IncidentStatus {
    NEW(false), ACKNOWLEDGED(false), DISPATCHED(false), EN_ROUTE(false), ON_SCENE(false),
    RESOLVED(true), FALSE_ALARM(true), CANCELLED(true);

    /** The ends, for whoever needs them as a set. */
    public static final Set<IncidentStatus> CLOSED = Collections.unmodifiableSet(EnumSet.copyOf(
            Arrays.stream(values()).filter(IncidentStatus::isClosed).toList()));

    private final boolean closed;

    IncidentStatus(boolean closed) {
        this.closed = closed;
    }

    /** An end: resolved, false alarm or cancelled. */
    public boolean isClosed() {
        return closed;
    }

    public boolean open() {
        return !closed;
    }

    /** Whether a stored or transmitted status name is one of the ends (false for anything unknown). */
    public static boolean isClosed(String name) {
        return CLOSED.stream().anyMatch(s -> s.name().equals(name));
    }
}
