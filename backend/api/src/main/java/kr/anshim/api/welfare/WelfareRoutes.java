package kr.anshim.api.welfare;

/**
 * RSocket routes of the welfare services, grouped by interaction model. The activity summaries of
 * devices and gateways arrive on {@link kr.anshim.api.Routes#ACTIVITY_SUMMARY}; the routes here are
 * for signed-in users, scoped in the backend to their wards (an officer: their own people).
 */
public final class WelfareRoutes {

    /** Request-stream: an officer's welfare incidents (inactivity, visiting teams), a snapshot then changes ({@link kr.anshim.api.LiveFrame}). */
    public static final String INCIDENTS_LIVE = "welfare.incidents.live";

    /** Request-response: an incident id in, its {@link WelfareDetail} out (scoped and masked for the caller). */
    public static final String DETAIL = "welfare.detail";

    /** Request-response: a {@link ContactRequest} in (the officer reached out: the first contact is measured), a {@link kr.anshim.api.CommandResult} out. */
    public static final String CONTACT = "welfare.contact";

    /** Request-response: an {@link OutcomeRequest} in; the officer's outcome closes the incident. */
    public static final String OUTCOME = "welfare.outcome";

    /** Request-response: a {@link VisitRequest} in, a {@link VisitResult} out. */
    public static final String VISIT_REGISTER = "welfare.visit.register";

    /** Request-response: a visit id in; the team is back, the timer stops. */
    public static final String VISIT_CHECK_IN = "welfare.visit.checkin";

    /** Fire-and-forget: a {@link VisitPosition} (the team's last known position). */
    public static final String VISIT_POSITION = "welfare.visit.position";

    /** Request-response: a visit id in; the team is in danger (CRITICAL). */
    public static final String VISIT_PANIC = "welfare.visit.panic";

    /** Request-stream: the caller's wards' visits that have not checked in ({@link VisitView}). */
    public static final String VISITS = "welfare.visits";

    /** Request-stream, admins: the enrolled people of a ward ({@link EnrolmentView}); a ward code in. */
    public static final String ENROLMENTS = "welfare.enrolments";

    /** Request-response, admins: an {@link EnrolmentView} in (create or replace), a {@link WelfareAnswer} out. */
    public static final String ENROLMENT_SAVE = "welfare.enrolment.save";

    /** Request-response, supervisors (all wards) and officers (theirs): {@link WelfareTimes} per ward. */
    public static final String TIMES = "welfare.times";

    private WelfareRoutes() {
    }
}
