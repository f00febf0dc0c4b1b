package kr.anshim.backend.incident;

import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentView;
import kr.anshim.api.NextSteps;
import kr.anshim.api.Outcome;
import kr.anshim.api.SignalType;
import kr.anshim.api.Severity;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static kr.anshim.api.IncidentStatus.ACKNOWLEDGED;
import static kr.anshim.api.IncidentStatus.CANCELLED;
import static kr.anshim.api.IncidentStatus.DISPATCHED;
import static kr.anshim.api.IncidentStatus.EN_ROUTE;
import static kr.anshim.api.IncidentStatus.FALSE_ALARM;
import static kr.anshim.api.IncidentStatus.NEW;
import static kr.anshim.api.IncidentStatus.ON_SCENE;
import static kr.anshim.api.IncidentStatus.RESOLVED;

/**
 * The incident state machine: new → acknowledged → dispatched → en route → on scene → resolved,
 * with false alarm and cancelled as other ends. A dispatch must say on what basis it was made
 * (the resident's request or an alarm, and whether a crime risk was confirmed): that decides the
 * resident's fee ({@link kr.anshim.api.DispatchFee}), so it is never guessed. Pure: it computes the next incident and the audit
 * entries, or refuses with a message an operator can act on. A closed incident is reopened by a
 * device's new signal (the correlator's business) or by a person ({@code REOPEN}: resolved or false
 * alarm only, within {@link ReopenWindow}, with a reason, back to acknowledged since a person is on
 * it). The tables here are the only copy: screens are told the legal next steps for their user ({@link #next}).
 */
@Component
public class IncidentLifecycle {

    public static final String REOPEN_NEEDS_REASON = "reopening needs a reason";
    public static final String REOPEN_NOT_CLOSED = "only a resolved or false-alarm incident may be reopened";
    public static final String REOPEN_TOO_LATE = "the grace period for reopening is over";

    private final ReopenWindow reopening;

    /** With the default grace period for reopening, e.g. in a test. */
    public IncidentLifecycle() {
        this(new ReopenWindow(null));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public IncidentLifecycle(ReopenWindow reopening) {
        this.reopening = reopening;
    }

    public ReopenWindow reopening() {
        return reopening;
    }

    static final int MAX_NOTE = 2_000;

    public static final String CRITICAL_ONE_BY_ONE = "a critical incident is acknowledged in bulk only when selected itself";

    private static final Map<IncidentStatus, Set<IncidentStatus>> LEGAL = new EnumMap<>(IncidentStatus.class);

    static {
        LEGAL.put(NEW, EnumSet.of(ACKNOWLEDGED, FALSE_ALARM, CANCELLED));
        LEGAL.put(ACKNOWLEDGED, EnumSet.of(DISPATCHED, RESOLVED, FALSE_ALARM, CANCELLED));
        LEGAL.put(DISPATCHED, EnumSet.of(DISPATCHED, EN_ROUTE, RESOLVED, FALSE_ALARM, CANCELLED));
        LEGAL.put(EN_ROUTE, EnumSet.of(DISPATCHED, ON_SCENE, RESOLVED, FALSE_ALARM, CANCELLED));
        LEGAL.put(ON_SCENE, EnumSet.of(DISPATCHED, RESOLVED, FALSE_ALARM));
        LEGAL.put(RESOLVED, EnumSet.noneOf(IncidentStatus.class));
        LEGAL.put(FALSE_ALARM, EnumSet.noneOf(IncidentStatus.class));
        LEGAL.put(CANCELLED, EnumSet.noneOf(IncidentStatus.class));
    }

    /** The 112 hand-off's moves; a request may be withdrawn before police accept it. */
    private static final Map<Call112Status, List<Call112Status>> CALL_112 = new EnumMap<>(Map.of(
            Call112Status.NOT_REQUESTED, List.of(Call112Status.REQUESTED),
            Call112Status.REQUESTED, List.of(Call112Status.ACCEPTED, Call112Status.NOT_REQUESTED),
            Call112Status.ACCEPTED, List.of(Call112Status.PATROL_ASSIGNED),
            Call112Status.PATROL_ASSIGNED, List.of()));

    /** The call-back's moves: a call that was not answered may be tried again. */
    private static final Map<CallbackStatus, List<CallbackStatus>> CALLBACK = new EnumMap<>(Map.of(
            CallbackStatus.NOT_TRIED, List.of(CallbackStatus.CALLING),
            CallbackStatus.CALLING, List.of(CallbackStatus.REACHED, CallbackStatus.NO_ANSWER),
            CallbackStatus.REACHED, List.of(),
            CallbackStatus.NO_ANSWER, List.of(CallbackStatus.CALLING)));

    /** The status each status-changing action leads to. */
    private static final Map<Action, IncidentStatus> LEADS_TO = new EnumMap<>(Map.of(
            Action.ACKNOWLEDGE, ACKNOWLEDGED, Action.DISPATCH, DISPATCHED, Action.EN_ROUTE, EN_ROUTE,
            Action.ON_SCENE, ON_SCENE, Action.RESOLVE, RESOLVED, Action.FALSE_ALARM, FALSE_ALARM,
            Action.CANCEL, CANCELLED));

    /** What a command does: the incident after it, what to audit, and a dispatch to record. */
    public record Change(Incident after, List<Transition> transitions, Optional<Dispatch> dispatch) {
    }

    public static boolean legal(IncidentStatus from, IncidentStatus to) {
        return LEGAL.get(from).contains(to);
    }

    public static boolean legal(Call112Status from, Call112Status to) {
        return CALL_112.get(from).contains(to);
    }

    public static boolean legal(CallbackStatus from, CallbackStatus to) {
        return CALLBACK.get(from).contains(to);
    }

    /**
     * What may be done next with {@code incident} by someone whose role permits the commands
     * {@code permitted} accepts (asked per action and, for 112 and call-back, per target state):
     * exactly what {@link #apply} would not refuse for a transition reason.
     */
    public static NextSteps next(IncidentView incident, Predicate<IncidentCommand> permitted) {
        return steps(incident, permitted, Optional.empty());
    }

    /**
     * The same, at {@code now}: a resolved or false-alarm incident still within the grace period
     * also offers {@code REOPEN}, until the end of it, to whoever may reopen.
     */
    public NextSteps next(IncidentView incident, Predicate<IncidentCommand> permitted, Instant now) {
        return steps(incident, permitted, reopening.until(incident, now));
    }

    private static NextSteps steps(IncidentView incident, Predicate<IncidentCommand> permitted, Optional<Instant> reopenUntil) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        Optional<Instant> reopen = reopenUntil.filter(end -> permitted.test(IncidentCommand.of(incident.id(), Action.REOPEN, null)));
        reopen.ifPresent(end -> actions.add(Action.REOPEN));
        LEADS_TO.forEach((action, to) -> {
            if (legal(incident.status(), to) && permitted.test(IncidentCommand.of(incident.id(), action, null))) {
                actions.add(action);
            }
        });
        if (permitted.test(IncidentCommand.of(incident.id(), Action.NOTE, null))) {
            actions.add(Action.NOTE);
        }
        List<Call112Status> call112 = CALL_112.get(incident.call112()).stream()
                .filter(to -> permitted.test(IncidentCommand.of(incident.id(), Action.CALL_112, null).withValue(to.name())))
                .toList();
        List<CallbackStatus> callback = CALLBACK.get(incident.callback()).stream()
                .filter(to -> permitted.test(IncidentCommand.of(incident.id(), Action.CALLBACK, null).withValue(to.name())))
                .toList();
        if (!call112.isEmpty()) {
            actions.add(Action.CALL_112);
        }
        if (!callback.isEmpty()) {
            actions.add(Action.CALLBACK);
        }
        return new NextSteps(actions, call112, callback, reopen.orElse(null));
    }

    public Change apply(Incident before, IncidentCommand command, Instant now) {
        String actor = command.actor();
        if (actor == null || actor.isBlank()) {
            throw new IllegalTransitionException("every change needs an actor (who did it)");
        }
        String note = command.note() == null || command.note().isBlank() ? null : command.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw new IllegalTransitionException("a note may have at most " + MAX_NOTE + " characters");
        }
        return switch (command.action()) {
            case ACKNOWLEDGE -> acknowledge(before, command, actor, note, now);
            case EN_ROUTE -> status(before, EN_ROUTE, null, actor, note, now);
            case ON_SCENE -> status(before, ON_SCENE, null, actor, note, now);
            case FALSE_ALARM -> status(before, FALSE_ALARM, "FALSE_ALARM", actor, note, now);
            case CANCEL -> status(before, CANCELLED, null, actor, note, now);
            case RESOLVE -> status(before, RESOLVED, outcome(command.value()), actor, note, now);
            case DISPATCH -> dispatch(before, command, actor, note, now);
            case NOTE -> note(before, actor, note, now);
            case CALL_112 -> call112(before, command.value(), actor, note, now);
            case CALLBACK -> callback(before, command.value(), actor, note, now);
            case REOPEN -> reopen(before, actor, note, now);
        };
    }

    private Change status(Incident before, IncidentStatus to, String outcome, String actor, String note, Instant now) {
        if (!legal(before.status(), to)) {
            throw new IllegalTransitionException("cannot go from " + before.status() + " to " + to
                    + "; allowed from " + before.status() + ": " + LEGAL.get(before.status()));
        }
        Incident after = before.withStatus(to, outcome, now);
        String detail = outcome == null || to == FALSE_ALARM ? note : join("outcome " + outcome, note);
        return new Change(after, List.of(Transition.status(before, after, actor, detail)), Optional.empty());
    }

    /** Part of a group acknowledgement ({@link IncidentCommand#BULK}): never a critical incident, which is looked at alone. */
    private Change acknowledge(Incident before, IncidentCommand command, String actor, String note, Instant now) {
        if (IncidentCommand.BULK.equals(command.value()) && before.ranking().severity() == Severity.CRITICAL) {
            throw new IllegalTransitionException(CRITICAL_ONE_BY_ONE);
        }
        return status(before, ACKNOWLEDGED, null, actor, note, now);
    }

    private Change dispatch(Incident before, IncidentCommand command, String actor, String note, Instant now) {
        if (command.responderId() == null || command.responderId().isBlank()) {
            throw new IllegalTransitionException("a dispatch names the responder to send");
        }
        if (command.residentRequested() == null) {
            throw new IllegalTransitionException("a dispatch says whether the resident requested it (25,000 won unless"
                    + " a crime risk is confirmed) or an alarm triggered it (free)");
        }
        if (!command.residentRequested() && !alarmRaised(before)) {
            throw new IllegalTransitionException("an alarm-triggered dispatch needs a device alarm; this incident holds"
                    + " only the resident's requests");
        }
        Change moved = status(before, DISPATCHED, null, actor, note, now);
        Dispatch.Trigger trigger = command.residentRequested() ? Dispatch.Trigger.RESIDENT_REQUEST : Dispatch.Trigger.ALARM;
        Dispatch dispatch = new Dispatch(UUID.randomUUID(), before.id(), command.responderId(), now, actor, trigger,
                command.crimeRiskConfirmed());
        List<Transition> transitions = new ArrayList<>(moved.transitions());
        transitions.add(new Transition(before.id(), now, actor, "DISPATCH", null, command.responderId(),
                join(trigger + (dispatch.crimeRiskConfirmed() ? ", crime risk confirmed" : "")
                        + (dispatch.feeWon() > 0 ? ", fee " + dispatch.feeWon() + " won" : ", free"), note)));
        return new Change(moved.after(), transitions, Optional.of(dispatch));
    }

    /** A person takes it back: audited as REOPEN from the status it ended in, with the reason. */
    private Change reopen(Incident before, String actor, String note, Instant now) {
        if (note == null) {
            throw new IllegalTransitionException(REOPEN_NEEDS_REASON);
        }
        Instant until = reopening.until(before.status(), before.closedAt())
                .orElseThrow(() -> new IllegalTransitionException(REOPEN_NOT_CLOSED + "; this one is " + before.status()));
        if (now.isAfter(until)) {
            throw new IllegalTransitionException(REOPEN_TOO_LATE + " (it ended at " + before.closedAt() + ", grace "
                    + reopening.grace() + "); a new signal or a new incident takes it from here");
        }
        Incident after = before.withStatus(ACKNOWLEDGED, null, now);
        return new Change(after, List.of(new Transition(before.id(), now, actor, "REOPEN", before.status().name(),
                ACKNOWLEDGED.name(), note)), Optional.empty());
    }

    private Change note(Incident before, String actor, String note, Instant now) {
        if (note == null) {
            throw new IllegalTransitionException("a note needs text");
        }
        Incident after = before.touched(now);
        return new Change(after, List.of(new Transition(before.id(), now, actor, "NOTE", null, null, note)), Optional.empty());
    }

    private Change call112(Incident before, String value, String actor, String note, Instant now) {
        Call112Status to = parse(Call112Status.class, value, "112 hand-off status");
        if (!legal(before.call112(), to)) {
            throw new IllegalTransitionException("112 hand-off cannot go from " + before.call112() + " to " + to);
        }
        Incident after = before.withCall112(to, now);
        return new Change(after, List.of(new Transition(before.id(), now, actor, "CALL_112", before.call112().name(),
                to.name(), note)), Optional.empty());
    }

    private Change callback(Incident before, String value, String actor, String note, Instant now) {
        CallbackStatus to = parse(CallbackStatus.class, value, "call-back status");
        if (!legal(before.callback(), to)) {
            throw new IllegalTransitionException("call-back cannot go from " + before.callback() + " to " + to);
        }
        Incident after = before.withCallback(to, now);
        return new Change(after, List.of(new Transition(before.id(), now, actor, "CALLBACK", before.callback().name(),
                to.name(), note)), Optional.empty());
    }

    private static String outcome(String value) {
        Outcome outcome = parse(Outcome.class, value, "outcome");
        if (!Outcome.chosenOnResolve().contains(outcome)) {
            throw new IllegalTransitionException("unknown outcome '" + value + "'; one of " + Outcome.chosenOnResolve());
        }
        return outcome.name();
    }

    /**
     * A device raised it on its own (an abnormal signal: free dispatch), not only the resident's SOS
     * button or app. A bell or a voice keyword is the resident's cry for help under threat, raised by
     * a protection device, and counts as an alarm, as the programme treats it.
     */
    private static boolean alarmRaised(Incident incident) {
        return incident.signalCounts().keySet().stream().anyMatch(type -> !RESIDENT_REQUESTS.contains(type));
    }

    private static final Set<SignalType> RESIDENT_REQUESTS = EnumSet.of(SignalType.SOS_PRESSED, SignalType.APP_SOS);

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalTransitionException("missing " + what + "; one of " + EnumSet.allOf(type));
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalTransitionException("unknown " + what + " '" + value + "'; one of " + EnumSet.allOf(type));
        }
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }
}
