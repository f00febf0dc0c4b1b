package kr.anshim.backend.security;

import kr.anshim.api.IncidentCommand.Action;

import java.util.EnumSet;
import java.util.Set;

/** What a screen user may do. Least privilege: the police liaison only hands off to 112 and writes notes. */
public enum Role {
    OPERATOR(EnumSet.allOf(Action.class)),
    POLICE_LIAISON(EnumSet.of(Action.CALL_112, Action.NOTE)),
    SUPERVISOR(EnumSet.allOf(Action.class)),
    ADMIN(EnumSet.noneOf(Action.class));

    private final Set<Action> actions;

    Role(Set<Action> actions) {
        this.actions = actions;
    }

    public boolean may(Action action) {
        return actions.contains(action);
    }
}
