package kr.anshim.backend.incident;

import java.util.Set;

/** The 112 hand-off to police, updated by the police liaison. */
public enum Call112Status {
    NOT_REQUESTED, REQUESTED, ACCEPTED, PATROL_ASSIGNED;

    public boolean canBecome(Call112Status next) {
        return switch (this) {
            case NOT_REQUESTED -> next == REQUESTED;
            case REQUESTED -> Set.of(ACCEPTED, NOT_REQUESTED).contains(next);
            case ACCEPTED -> next == PATROL_ASSIGNED;
            case PATROL_ASSIGNED -> false;
        };
    }
}
