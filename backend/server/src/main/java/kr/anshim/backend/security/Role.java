package kr.anshim.backend.security;

import kr.anshim.api.IncidentCommand.Action;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a screen user may do. Least privilege: the police liaison only accepts a 112 hand-off an
 * operator or supervisor started, assigns a patrol ({@link #POLICE_CALL_112}) and writes notes.
 */
public enum Role {
    OPERATOR(EnumSet.allOf(Action.class)),
    POLICE_LIAISON(EnumSet.of(Action.CALL_112, Action.NOTE)),
    SUPERVISOR(EnumSet.allOf(Action.class)),
    ADMIN(EnumSet.noneOf(Action.class)),
    /**
     * 동주민센터 공무원 / 복지플래너: a community-centre officer. Sees none of the control room's incidents;
     * follows only the inactivity and visiting-team incidents of their own people, on the welfare routes.
     */
    OFFICER(EnumSet.noneOf(Action.class));

    /** The 112 hand-off states a police liaison may move an incident to. */
    public static final Set<String> POLICE_CALL_112 = Set.of("ACCEPTED", "PATROL_ASSIGNED");

    private final Set<Action> actions;

    Role(Set<Action> actions) {
        this.actions = actions;
    }

    public boolean may(Action action) {
        return actions.contains(action);
    }
}
